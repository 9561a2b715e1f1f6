package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"sitrep/internal/article"
)

// evalFlags are the flags every `sitrep eval SET` command takes: the set's
// folder, how many misses to list, and JSON output. A command adds its own
// to fs before parse.
type evalFlags struct {
	fs     *flag.FlagSet
	data   *string
	worst  *int
	asJSON *bool
}

// newEvalFlags starts the flag set of `sitrep eval name` for the set in
// ../shared/eval/set; usage is the text printed above the flag defaults.
func (e env) newEvalFlags(name, set, usage string, worst int, worstHelp string) *evalFlags {
	fs := flag.NewFlagSet("eval "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := &evalFlags{
		fs:     fs,
		data:   fs.String("data", "", "evaluation set folder: ../shared/eval/"+set),
		worst:  fs.Int("worst", worst, worstHelp),
		asJSON: fs.Bool("json", false, "print the scores as JSON"),
	}
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, usage)
		fs.PrintDefaults()
	}
	return f
}

// parse reads args and returns the set's folder, from --data or a single
// positional argument; ok is false, with usage printed, when there is none.
func (f *evalFlags) parse(args []string) (dir string, ok bool) {
	rest, err := parseFlags(f.fs, args)
	if err != nil {
		return "", false
	}
	if *f.data == "" && len(rest) == 1 {
		*f.data = rest[0]
	}
	if *f.data == "" {
		f.fs.Usage()
		return "", false
	}
	return *f.data, true
}

// inputFlags are the input flags that extract, explain and times share:
// the anchor date for relative expressions, JSON Lines records, and the
// size limit on one input.
type inputFlags struct {
	published *string
	jsonl     *string
	maxBytes  *int64
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	return &inputFlags{
		published: fs.String("published", "", "resolve relative dates against this time (RFC 3339, or a date YYYY-MM-DD) instead of the article's own date"),
		jsonl:     fs.String("jsonl", "", `read records {"id","title","text","published","url"} from this JSON Lines file ("-" for stdin)`),
		maxBytes:  fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse inputs larger than this many bytes"),
	}
}

// parse reads args into fs and returns the inputs and the --published
// anchor (zero when not given). ok is false, with usage or the error on
// w, when there is nothing to read or a flag is bad.
func (in *inputFlags) parse(fs *flag.FlagSet, w io.Writer, args []string) (inputs []string, published time.Time, ok bool) {
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return nil, time.Time{}, false
	}
	if len(inputs) == 0 && *in.jsonl == "" {
		fs.Usage()
		return nil, time.Time{}, false
	}
	if published, err = parsePublished(fs.Name(), *in.published); err != nil {
		fmt.Fprintln(w, err)
		return nil, time.Time{}, false
	}
	return inputs, published, true
}
