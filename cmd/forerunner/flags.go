package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/signing"
	"github.com/spf13/cobra"
)

// Shared flags: every command that takes one of these takes it through the
// helper here, with the same name, help and validation.

// bundleFlags select a bundle and, where a bundle is used to score, how to
// verify its signature.
type bundleFlags struct {
	path            string
	verificationKey string
	keyID           string
	algorithm       string
	noCheck         bool
	// sets are the --set what-ifs applied to the bundle's data.
	sets []engine.Setting
}

// addBundleFlags adds --bundle, and with verify also --verification-key
// and --key-id.
func addBundleFlags(cmd *cobra.Command, f *bundleFlags, verify bool) {
	cmd.Flags().StringVar(&f.path, "bundle", "",
		"bundle directory or .tar.gz (default: the embedded bundle) / 策略包目录或 .tar.gz（默认内置策略包）")
	if !verify {
		return
	}
	cmd.Flags().StringVar(&f.verificationKey, "verification-key", "",
		"PEM public key (or its file): the bundle must be signed with it / PEM 公钥（或其文件）：策略包必须以此签名")
	cmd.Flags().StringVar(&f.keyID, "key-id", "",
		"key id the signature must name (default: any) / 签名须使用的密钥编号（默认不限）")
	addSigningAlgFlag(cmd, &f.algorithm)
}

// addNoCheckFlag adds --no-check, the reviewed escape hatch from the checks
// a --bundle passes where it is used.
func addNoCheckFlag(cmd *cobra.Command, noCheck *bool) {
	cmd.Flags().BoolVar(noCheck, "no-check", false,
		"use --bundle without the checks of policy check (warned, recorded in the provenance) / 跳过策略包检查（会警告并记入来源）")
}

// addSetFlag adds --set PATH=VALUE (repeatable): a what-if on the bundle's
// data. A malformed PATH=VALUE is refused when the command line is parsed;
// the path and the value's type are checked against the bundle when it loads.
func addSetFlag(cmd *cobra.Command, sets *[]engine.Setting) {
	cmd.Flags().Var(&setValue{sets: sets}, "set",
		"PATH=VALUE: change one value of the bundle's data for this run (repeatable; PATH a JSON Pointer /forerunner/v1/config/... or config.levels[0].min.total; VALUE JSON) / "+
			"PATH=VALUE：仅本次运行修改策略包数据中的一个值（可重复；PATH 为 JSON Pointer 或 config.levels[0].min.total 式路径；VALUE 为 JSON）")
}

// setValue collects --set PATH=VALUE settings in the order given.
type setValue struct{ sets *[]engine.Setting }

func (v *setValue) Type() string { return "PATH=VALUE" }

func (v *setValue) String() string {
	parts := make([]string, len(*v.sets))
	for i, s := range *v.sets {
		parts[i] = s.Path + "=" + s.Value
	}
	return strings.Join(parts, ",")
}

func (v *setValue) Set(s string) error {
	setting, err := engine.ParseSetting(s)
	if err != nil {
		return asUsage(err)
	}
	*v.sets = append(*v.sets, setting)
	return nil
}

// asUsage makes a --set error a usage error (exit 2): the command line names
// a value the bundle does not have, or gives it another type.
func asUsage(err error) error {
	var set *engine.SetError
	if errors.As(err, &set) {
		return &usageError{text: set.Text()}
	}
	return err
}

// addSigningAlgFlag adds --signing-alg, with upstream OPA's algorithm names.
func addSigningAlgFlag(cmd *cobra.Command, alg *string) {
	addEnumFlag(cmd, alg, "signing-alg", "", "", signing.Algorithms, nil,
		"signature algorithm (default: from the key) / 签名算法（默认由密钥决定）")
}

// checked reports whether the bundle these flags give passes the checks of
// policy check where it is used: any bundle but the embedded one as built.
func (f *bundleFlags) checked() bool { return f.path != "" || len(f.sets) > 0 }

// loadOptions are the engine's load options for these flags; evaluation
// never compiles the bundle's tests.
func (f *bundleFlags) loadOptions() engine.LoadOptions {
	return engine.LoadOptions{Path: f.path, VerificationKey: f.verificationKey, KeyID: f.keyID,
		Algorithm: f.algorithm, WithoutTests: true}
}

// enumValue is a flag taking one of a fixed set of names (with aliases),
// refused when the command line is parsed.
type enumValue struct {
	target  *string
	flag    string
	names   []string
	resolve func(string) (string, bool)
}

func (e *enumValue) String() string { return *e.target }
func (e *enumValue) Type() string   { return "string" }

func (e *enumValue) Set(s string) error {
	name, ok := e.resolve(s)
	if !ok {
		return usagef("--%s 的值 %q 未知（可用 %s）", "unknown --%s value %q (use %s)", e.flag, s, strings.Join(e.names, "|"))
	}
	*e.target = name
	return nil
}

// addEnumFlag adds a flag taking one of names; resolve maps what the user
// typed (an alias, another case) to a name, or nil for exact names only.
func addEnumFlag(cmd *cobra.Command, target *string, name, short, value string, names []string,
	resolve func(string) (string, bool), help string) {
	if resolve == nil {
		resolve = func(s string) (string, bool) { return s, slices.Contains(names, s) }
	}
	*target = value
	e := &enumValue{target: target, flag: name, names: names, resolve: resolve}
	cmd.Flags().VarP(e, name, short, fmt.Sprintf("%s %s", strings.Join(names, "|"), help))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return names, cobra.ShellCompDirectiveNoFileComp
	})
}

// langValue is the --lang flag: zh or en, checked when parsed.
type langValue struct{ target *string }

func (l langValue) String() string { return *l.target }
func (l langValue) Type() string   { return "string" }

func (l langValue) Set(s string) error {
	if _, err := i18n.Parse(s); err != nil {
		return usagef("--lang 的值 %q 未知（可用 zh|en）", "unknown --lang value %q (use zh|en)", s)
	}
	*l.target = s
	return nil
}

// argsBetween checks the argument count with a message in the user's
// language (cobra's own is English only); max < 0 means no upper bound.
// usage names the arguments, e.g. "FILE ITEM".
func argsBetween(min, max int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) >= min && (max < 0 || len(args) <= max) {
			return nil
		}
		return usagef("参数个数不对（收到 %d 个），用法：%s", "wrong number of arguments (got %d); usage: %s", len(args), usage)
	}
}
