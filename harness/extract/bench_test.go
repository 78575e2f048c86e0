package extract

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/docconform/docconform/harness"
)

// The benchmarks compare extraction with goldmark itself, the floor, over the same pages
// held in memory, using all cores for both:
//
//	BenchmarkParseOnly        goldmark's default parser (CommonMark blocks and inlines) on every page
//	BenchmarkParseBlocks      the block-only goldmark parser extraction uses, on every page
//	BenchmarkExtract          Page on every page (parse, walk, annotations, HTTP, pairing)
//	*Sparse                   the same over the corpus plus generated SDK-snippet pages that
//	                          hold no examples, in the proportion of the real Graph docs repo
//	                          (~15,000 include/snippet files among ~26,000)
//	BenchmarkTree             Tree over the corpus folder: walking and reading from disk too

type benchPages struct {
	srcs  [][]byte
	bytes int64
}

var (
	corpusOnce   sync.Once
	corpusPages  benchPages
	sparseOnce   sync.Once
	sparsePages  benchPages
	corpusRootBM string
)

func loadCorpus(b *testing.B) benchPages {
	dir := corpusDir(b)
	corpusOnce.Do(func() {
		corpusRootBM = dir
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			src, err := os.ReadFile(path)
			corpusPages.srcs = append(corpusPages.srcs, src)
			corpusPages.bytes += int64(len(src))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	})
	return corpusPages
}

// loadSparse is the corpus plus, for every example request in it, SDK snippet pages like
// the Graph repo's includes/snippets/{csharp,javascript,objc,java}/*.md: front matter and
// one fenced code sample, no comment, no HTTP message. 1.4 snippet pages per corpus page
// gives the real repo's share of pages without examples (~58%).
func loadSparse(b *testing.B) benchPages {
	pages := loadCorpus(b)
	sparseOnce.Do(func() {
		sparsePages = benchPages{srcs: append([][]byte(nil), pages.srcs...), bytes: pages.bytes}
		langs := []string{"csharp", "javascript", "objc", "java"}
		want := len(pages.srcs) * 14 / 10
		for i := 0; i < want; i++ {
			lang := langs[i%len(langs)]
			src := fmt.Sprintf("---\ndescription: \"Automatically generated file. DO NOT MODIFY\"\n---\n\n```%s\n\n"+
				"GraphServiceClient graphClient = new GraphServiceClient( authProvider );\n\n"+
				"var result%d = await graphClient.Users[\"{user-id}\"].Messages\n\t.Request()\n\t.Select(\"subject,from\")\n\t.Top(%d)\n\t.GetAsync();\n\n```", lang, i, i%50)
			sparsePages.srcs = append(sparsePages.srcs, []byte(src))
			sparsePages.bytes += int64(len(src))
		}
	})
	return sparsePages
}

// parallel calls fn on every page using all cores.
func parallel(pages [][]byte, fn func(src []byte)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) {
					return
				}
				fn(pages[i])
			}
		}()
	}
	wg.Wait()
}

func benchGoldmark(b *testing.B, pages benchPages) {
	md := goldmark.New()
	b.SetBytes(pages.bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		parallel(pages.srcs, func(src []byte) { md.Parser().Parse(text.NewReader(src)) })
	}
	b.ReportMetric(float64(len(pages.srcs)), "pages/op")
}

func benchBlocks(b *testing.B, pages benchPages) {
	b.SetBytes(pages.bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		parallel(pages.srcs, func(src []byte) { mdParser.Parse(text.NewReader(src)) })
	}
}

func benchExtract(b *testing.B, pages benchPages) {
	b.SetBytes(pages.bytes)
	b.ReportAllocs()
	b.ResetTimer()
	var examples atomic.Int64
	for b.Loop() {
		examples.Store(0)
		parallel(pages.srcs, func(src []byte) {
			p := Page("page.md", src)
			examples.Add(int64(len(p.Examples)))
		})
	}
	b.ReportMetric(float64(examples.Load()), "examples/op")
}

func BenchmarkParseOnly(b *testing.B)         { benchGoldmark(b, loadCorpus(b)) }
func BenchmarkParseBlocks(b *testing.B)       { benchBlocks(b, loadCorpus(b)) }
func BenchmarkExtract(b *testing.B)           { benchExtract(b, loadCorpus(b)) }
func BenchmarkParseOnlySparse(b *testing.B)   { benchGoldmark(b, loadSparse(b)) }
func BenchmarkParseBlocksSparse(b *testing.B) { benchBlocks(b, loadSparse(b)) }
func BenchmarkExtractSparse(b *testing.B)     { benchExtract(b, loadSparse(b)) }

// BenchmarkTree is extraction as `docconform list` runs it: walk, read, extract, deliver
// in order.
func BenchmarkTree(b *testing.B) {
	loadCorpus(b)
	b.SetBytes(corpusPages.bytes)
	b.ReportAllocs()
	for b.Loop() {
		err := Tree(context.Background(), []string{corpusRootBM}, func(harness.Page) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}
