package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// stopOnSignal gives a context cancelled by the first SIGINT or SIGTERM, and
// a function telling which signal came (nil if none). After the first, the
// signals have their default effect again, so a second one stops at once.
func stopOnSignal() (context.Context, func() os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex
	var got os.Signal
	go func() {
		sig := <-signals
		signal.Stop(signals)
		mu.Lock()
		got = sig
		mu.Unlock()
		cancel()
	}()
	return ctx, func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// interruptedError: a signal stopped the run between two documents; what was
// written is whole (no cut line, the JSON array closed).
type interruptedError struct{ sig os.Signal }

func (e *interruptedError) Error() string { return e.Text().EN }

func (e *interruptedError) Text() i18n.Text {
	return i18n.Tf("被 %s 中断：已输出的结果完整，其余文档未评分", "interrupted by %s: the results written are whole; the other documents were not scored", e.sig)
}

// exitStatus is 128 + the signal's number, as shells report a process a
// signal ended: 130 for SIGINT, 143 for SIGTERM.
func (e *interruptedError) exitStatus() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return ExitInterrupted
}
