package docjson

import (
	"slices"
	"sync"
)

var parserPool = sync.Pool{New: func() any { return new(parser) }}

func (p *parser) reset(src []byte) {
	p.src = src
	p.s = string(src)
	p.pos = 0
	p.line = 1
	p.lineStart = 0
	p.bare = false
	p.lens = nil
	p.err = nil
	p.valSlab = nil
	p.memSlab = nil
	// Small texts (annotations) get exact-size slices; larger ones slabs that grow.
	p.chunk = min(max(len(src)/64, 2), 1024)
}

// release clears everything that points into the caller's data and returns
// the parser to the pool.
func (p *parser) release() {
	p.hiVals = max(p.hiVals, len(p.vals))
	p.hiMems = max(p.hiMems, len(p.mems))
	p.hiStack = max(p.hiStack, len(p.stack))
	clear(p.vals[:p.hiVals])
	clear(p.mems[:p.hiMems])
	clear(p.stack[:p.hiStack])
	p.hiVals, p.hiMems, p.hiStack = 0, 0, 0
	p.vals, p.mems, p.stack = p.vals[:0], p.mems[:0], p.stack[:0]
	p.src, p.s, p.lens, p.err, p.valSlab, p.memSlab = nil, "", nil, nil, nil, nil
	if cap(p.vals) > 1<<14 || cap(p.mems) > 1<<14 || cap(p.buf) > 1<<16 || cap(p.stack) > 1<<10 {
		return // do not keep big buffers alive
	}
	p.buf = p.buf[:0]
	parserPool.Put(p)
}

func (p *parser) growChunk() int {
	size := p.chunk
	if p.chunk < 1<<14 {
		p.chunk *= 2
	}
	return size
}

func (p *parser) allocVals(src []Value) []Value {
	n := len(src)
	if n > p.chunk/4 {
		return append([]Value(nil), src...)
	}
	if cap(p.valSlab)-len(p.valSlab) < n {
		p.valSlab = make([]Value, 0, p.growChunk())
	}
	l := len(p.valSlab)
	s := p.valSlab[l : l+n : l+n]
	copy(s, src)
	p.valSlab = p.valSlab[:l+n]
	return s
}

func (p *parser) allocMems(src []Member) []Member {
	n := len(src)
	if n > p.chunk/4 {
		return append([]Member(nil), src...)
	}
	if cap(p.memSlab)-len(p.memSlab) < n {
		p.memSlab = make([]Member, 0, p.growChunk())
	}
	l := len(p.memSlab)
	s := p.memSlab[l : l+n : l+n]
	copy(s, src)
	p.memSlab = p.memSlab[:l+n]
	return s
}

// grow makes room for one more element, doubling the capacity: append grows
// large slices by only 1.25x, which costs much copying and GC on big
// documents.
func grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(cap(s), 16))
}
