package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
)

// clients is the number of concurrent keep-alive clients of (d).
const clients = 2

// opaServer is a running `opa run --server`.
type opaServer struct {
	cmd    *exec.Cmd
	url    string
	client *http.Client
	stderr bytes.Buffer
}

func startOPAServer(ctx context.Context, opa, policies string) (*opaServer, error) {
	addr, err := freeAddress()
	if err != nil {
		return nil, err
	}
	s := &opaServer{
		url: "http://" + addr + "/v1/data/" + strings.ReplaceAll(strings.TrimPrefix(engine.DecisionPath, "data."), ".", "/"),
		client: &http.Client{Transport: &http.Transport{
			MaxIdleConnsPerHost: clients, DisableCompression: true,
		}},
	}
	s.cmd = exec.CommandContext(ctx, opa, "run", "--server", "--addr", addr, "--log-level", "error",
		"--disable-telemetry", "--bundle", policies)
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, &s.stderr
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	if err := s.waitHealthy(ctx, "http://"+addr+"/health"); err != nil {
		s.stop()
		return nil, fmt.Errorf("%w\n%s", err, tail(s.stderr.Bytes(), 2000))
	}
	return s, nil
}

func freeAddress() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func (s *opaServer) waitHealthy(ctx context.Context, url string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := s.client.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("opa server not healthy after 30s")
}

// stop ends the server and returns its peak RSS.
func (s *opaServer) stop() int64 {
	rss := liveMaxRSS(s.cmd.Process.Pid)
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
	return rss
}

// query posts one input document and checks that a result came back.
func (s *opaServer) query(body []byte, buf *bytes.Buffer) error {
	resp, err := s.client.Post(s.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(buf.Bytes(), []byte(`{"result":`)) {
		return fmt.Errorf("opa server: status %d: %s", resp.StatusCode, tail(buf.Bytes(), 500))
	}
	return nil
}

// inputBodies wraps each document as the Data API's {"input": …}.
func inputBodies(docs []document) [][]byte {
	bodies := make([][]byte, len(docs))
	for i, d := range docs {
		bodies[i] = append(append([]byte(`{"input":`), d.raw...), '}')
	}
	return bodies
}

// runOPAServer is (d), alternating with (a) on 2 workers so both see the
// same machine load.
func runOPAServer(ctx context.Context, e *env, rep *figures) error {
	opa, err := e.opa(ctx)
	if err != nil {
		return err
	}
	srv, err := startOPAServer(ctx, opa, e.policies)
	if err != nil {
		return err
	}
	defer func() { rep.rss["d"] = srv.stop() }()
	bodies := inputBodies(e.docs)
	if err := checkServerAgrees(srv, bodies[0]); err != nil {
		return err
	}
	buffers := make([]bytes.Buffer, clients)
	serve := func(bodies [][]byte) (pass, error) {
		cpu := procCPU(srv.cmd.Process.Pid)
		wall, err := parallel(clients, len(bodies), func(w, i int) error { return srv.query(bodies[i], &buffers[w]) })
		return pass{docs: len(bodies), wall: wall, cpu: procCPU(srv.cmd.Process.Pid) - cpu}, err
	}
	if _, err := serve(bodies[:min(warmUp, len(bodies))]); err != nil { // connections, caches
		return err
	}
	pipe, err := e.pipeline(ctx)
	if err != nil {
		return err
	}
	for range e.cfg.rounds() {
		p, err := serve(bodies)
		if err != nil {
			return err
		}
		rep.record("d", p)
		if p, _, err = pipe.run(ctx, e.docs, clients, nil); err != nil {
			return err
		}
		rep.record("a2-beside-d", p)
	}
	return nil
}

// checkServerAgrees makes sure the server's decision is a result document.
func checkServerAgrees(srv *opaServer, body []byte) error {
	var buf bytes.Buffer
	if err := srv.query(body, &buf); err != nil {
		return err
	}
	var resp struct {
		Result map[string]any `json:"result"`
	}
	if err := json.Unmarshal(buf.Bytes(), &resp); err != nil || resp.Result["schema_version"] == nil {
		return fmt.Errorf("opa server returned no result document: %s", tail(buf.Bytes(), 500))
	}
	return nil
}
