package pipeline

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// ErrShard marks a malformed or out-of-range shard specification.
var ErrShard = errors.New("invalid shard")

// Shard is one of Count disjoint parts of a manifest's repositories. A
// repository belongs to the shard whose index is the FNV-1a 64 hash of its
// manifest name modulo Count: stable across runs, machines and manifest
// order, so each machine of a distributed run can work out its share alone.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N" with 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("%w %q: want INDEX/COUNT, e.g. 0/4", ErrShard, s)
	}
	i, errI := strconv.Atoi(is)
	n, errN := strconv.Atoi(ns)
	switch {
	case errI != nil || errN != nil:
		return Shard{}, fmt.Errorf("%w %q: INDEX and COUNT must be whole numbers, e.g. 0/4", ErrShard, s)
	case n < 1:
		return Shard{}, fmt.Errorf("%w %q: COUNT must be at least 1", ErrShard, s)
	case i < 0 || i >= n:
		return Shard{}, fmt.Errorf("%w %q: INDEX must be from 0 to %d", ErrShard, s, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

func (s Shard) String() string { return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count) }

// Holds reports whether the repository of that manifest name is in the shard.
func (s Shard) Holds(repo string) bool {
	return shardOf(repo, s.Count) == s.Index
}

func shardOf(repo string, count int) int {
	h := fnv.New64a()
	h.Write([]byte(repo))
	return int(h.Sum64() % uint64(count))
}

// Filter keeps the plan's repositories that are in the shard, numbering
// their services afresh.
func (s Shard) Filter(plan []RepoPlan) []RepoPlan {
	var out []RepoPlan
	index := 0
	for _, rp := range plan {
		if !s.Holds(rp.Repo.Name) {
			continue
		}
		services := make([]ServicePlan, len(rp.Services))
		for i, sp := range rp.Services {
			sp.Index = index
			index++
			services[i] = sp
		}
		rp.Services = services
		out = append(out, rp)
	}
	return out
}

// shardRecord is run.json's "shard" field: which part of which manifest a
// shard output holds, and which build wrote it. Merge checks it.
type shardRecord struct {
	Index          int    `json:"index"`
	Count          int    `json:"count"`
	ManifestDigest string `json:"manifest_digest"`
	ToolVersion    string `json:"tool_version"`
	// Repos lists the manifest's repositories in the shard, in manifest
	// order.
	Repos []string `json:"repos"`
}
