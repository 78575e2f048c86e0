package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit statuses (DESIGN.md): 0 nothing failed, 1 an example failed or errored, 2 bad
// usage, config or input, 130 interrupted.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// exitError carries an exit status to main; only main calls os.Exit.
type exitError struct {
	code int
	err  error // printed to stderr when not nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// exitCode maps run's error to an exit status, printing it when there is something to say.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var e *exitError
	if errors.As(err, &e) {
		if e.err != nil {
			fmt.Fprintln(stderr, "docconform:", e.err)
		}
		return e.code
	}
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	// Errors cobra itself raises (unknown flag, bad flag value, unknown command), an
	// unreadable PATH (*extract.PathError) and bad settings are usage errors too.
	fmt.Fprintln(stderr, "docconform:", err)
	return exitUsage
}

// run is the whole command line: tests call it as main does.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := &cobra.Command{
		Use:   "docconform",
		Short: "Check HTTP API documentation against the service it documents",
		Long: `docconform reads API documentation pages written the Microsoft Graph way — markdown
with annotated example requests and responses — and checks them: it lists the examples,
replays them against an endpoint and compares the answers with the documented responses.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetContext(ctx)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(listCommand(), compareCommand(), runCommand(), serveCommand())
	return root.ExecuteContext(ctx)
}

// version is the module version when built from a tagged module, else "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
