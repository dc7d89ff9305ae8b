#!/usr/bin/python3
"""Peers' side of scripts/bench-peers: pgRouting and networkx on the arcs CSV
written by bench_peers, same sources, same cutoff, same direction.

    bench_peers.py networkx WORKDIR --cutoff 1800 --runs 3 --check 10
    bench_peers.py pgrouting WORKDIR --host SOCKDIR --db bench --cutoff 1800 --runs 3 --check 10

WORKDIR holds arcs.csv, sources.csv, times.csv (ours) and out.txt (our
figures). Direction: ours searches the transposed graph (time from every node
TO the source); networkx runs on a DiGraph of the reversed arcs, pgRouting on
an edges query that swaps source and target. Parallel arcs: pgRouting keeps
them all; the networkx DiGraph keeps the cheapest, which is what a shortest
path uses anyway.

Prints "key: value" lines: medians of --runs timed passes over every source,
and the agreement with ours: node by node on the first --check sources (same
reached set, times equal within 0.05 s: costs are exact deciseconds, the
peers add them as doubles, so a node exactly at the cutoff may fall a hair
above it and out), and the number of (source, node) pairs reached over all
the sources (equal up to those nodes exactly at the cutoff).
"""
import argparse
import csv
import statistics
import sys
import time

TOL_S = 0.05


def read_sources(workdir):
    with open(f"{workdir}/sources.csv") as f:
        return [int(r["source"]) for r in csv.DictReader(f)]


def read_ours(workdir):
    ours = {}
    with open(f"{workdir}/times.csv") as f:
        for r in csv.DictReader(f):
            ours.setdefault(int(r["source"]), {})[int(r["node"])] = int(r["time_ds"]) / 10.0
    return ours


def compare(name, ours, theirs, cutoff):
    """ours/theirs: {source: {node: seconds}}. Prints the agreement lines."""
    sources = nodes = 0
    missing = extra = boundary = 0
    max_diff = 0.0
    for s, mine in ours.items():
        other = theirs.get(s, {})
        sources += 1
        nodes += len(mine)
        for v, t in mine.items():
            if v not in other:
                if abs(t - cutoff) <= TOL_S:
                    boundary += 1
                else:
                    missing += 1
                continue
            max_diff = max(max_diff, abs(other[v] - t))
        for v, t in other.items():
            if v not in mine:
                if abs(t - cutoff) <= TOL_S:
                    boundary += 1
                else:
                    extra += 1
    agree = missing == 0 and extra == 0 and max_diff <= TOL_S
    print(f"{name}_check_sources: {sources}")
    print(f"{name}_check_nodes: {nodes}")
    print(f"{name}_missing: {missing}")
    print(f"{name}_extra: {extra}")
    print(f"{name}_at_cutoff_boundary: {boundary}")
    print(f"{name}_max_abs_diff_s: {max_diff:.6f}")
    return agree


def reached_total_check(name, workdir, theirs_total):
    """Number of (source, node) pairs reached over ALL the sources vs ours:
    equal, except for nodes exactly at the cutoff in deciseconds, which the
    peers' double sums may put a hair above it."""
    figures = {}
    with open(f"{workdir}/ours.txt") as f:
        for line in f:
            key, _, value = line.partition(": ")
            figures[key] = value.strip()
    ours_total = int(figures["reached_total"])
    at_cutoff = int(figures["reached_at_cutoff_total"])
    print(f"{name}_reached_total: {theirs_total} (ours {ours_total}, of which {at_cutoff} exactly at the cutoff)")
    return ours_total - at_cutoff <= theirs_total <= ours_total


def run_networkx(args):
    import networkx as nx

    t0 = time.perf_counter()
    G = nx.DiGraph()
    with open(f"{args.workdir}/arcs.csv") as f:
        for r in csv.DictReader(f):
            # Reversed arc: the search from s gives the time from each node to s.
            u, v, c = int(r["target"]), int(r["source"]), float(r["cost"])
            d = G.get_edge_data(u, v)
            if d is None or c < d["cost"]:
                G.add_edge(u, v, cost=c)
    build_s = time.perf_counter() - t0
    sources = read_sources(args.workdir)
    ours = read_ours(args.workdir)

    theirs = {}
    for s in sources[: args.check]:
        theirs[s] = nx.single_source_dijkstra_path_length(G, s, cutoff=args.cutoff, weight="cost")
    runs = []
    for _ in range(args.runs):
        total = 0
        t0 = time.perf_counter()
        for s in sources:
            total += len(nx.single_source_dijkstra_path_length(G, s, cutoff=args.cutoff, weight="cost"))
        runs.append(time.perf_counter() - t0)
    med = statistics.median(runs)
    print(f"networkx_version: {nx.__version__}")
    print(f"networkx_nodes: {G.number_of_nodes()}")
    print(f"networkx_edges: {G.number_of_edges()}")
    print(f"networkx_build_s: {build_s:.3f}")
    print(f"networkx_runs: {len(runs)}")
    print(f"networkx_batch_s_median: {med:.6f}")
    print(f"networkx_ms_per_source: {1000 * med / len(sources):.4f}")
    print(f"networkx_ms_per_source_min: {1000 * min(runs) / len(sources):.4f}")
    total_ok = reached_total_check("networkx", args.workdir, total)
    ok = compare("networkx", ours, theirs, args.cutoff) and total_ok
    print(f"networkx_agree: {'yes' if ok else 'NO'}")
    return 0 if ok else 3


def run_pgrouting(args):
    import psycopg2

    conn = psycopg2.connect(host=args.host, dbname=args.db, user="postgres")
    conn.autocommit = True
    cur = conn.cursor()
    # Reversed arcs, exactly as in networkx: drivingDistance from s then gives
    # the time from each node to s. reverse_cost = -1: no implicit reverse arc.
    edges_rev = "SELECT id, target AS source, source AS target, cost, reverse_cost FROM edges"
    edges_fwd = "SELECT id, source, target, cost, reverse_cost FROM edges"
    sources = read_sources(args.workdir)
    ours = read_ours(args.workdir)
    one = "SELECT node, agg_cost FROM pgr_drivingDistance(%s, %s::bigint, %s::float8, directed => true)"

    theirs = {}
    for s in sources[: args.check]:
        cur.execute(one, (edges_rev, s, float(args.cutoff)))
        theirs[s] = {int(v): float(c) for v, c in cur.fetchall()}

    def timed(pass_fn):
        runs = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            pass_fn()
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs), min(runs)

    # One call per source (how a one-to-many query is issued), rows fetched
    # by the client...
    def per_call_fetch():
        for s in sources:
            cur.execute(one, (edges_rev, s, float(args.cutoff)))
            cur.fetchall()

    # ...and counted in the server (no transfer: the fairest to pgRouting,
    # whose result is then built but not shipped, like ours).
    count_one = "SELECT count(*) FROM pgr_drivingDistance(%s, %s::bigint, %s::float8, directed => true)"

    def per_call_count():
        for s in sources:
            cur.execute(count_one, (edges_rev, s, float(args.cutoff)))
            cur.fetchall()

    # One call for all the sources (array form): the edges are read once.
    count_many = ("SELECT count(*) FROM pgr_drivingDistance(%s, %s::bigint[], %s::float8,"
                  " directed => true, equicost => false)")

    array_rows = []

    def array_count():
        cur.execute(count_many, (edges_rev, sources, float(args.cutoff)))
        array_rows.append(cur.fetchone()[0])

    med, best = timed(per_call_fetch)
    med_count, best_count = timed(per_call_count)
    med_many, best_many = timed(array_count)

    # Time of the edges query alone: what every call pays before searching.
    t0 = time.perf_counter()
    for _ in range(args.runs):
        cur.execute("SELECT count(*) FROM (" + edges_rev + ") e")
        cur.fetchall()
    read_s = (time.perf_counter() - t0) / args.runs

    # pgr_dijkstraCost on a few pairs, on the FORWARD arcs from the reached
    # node to the source: an independent check of the transposition.
    pairs = bad = 0
    for s in sources[: args.check]:
        mine = ours.get(s, {})
        nodes = sorted(mine)[:: max(1, len(mine) // 5)][:5]
        for v in nodes:
            if v == s:
                continue
            pairs += 1
            cur.execute("SELECT agg_cost FROM pgr_dijkstraCost(%s, %s::bigint, %s::bigint, directed => true)",
                        (edges_fwd, v, s))
            row = cur.fetchone()
            if row is None or abs(float(row[0]) - mine[v]) > TOL_S:
                bad += 1
                print(f"pgr_dijkstraCost mismatch: {v} -> {s}: {row} vs ours {mine[v]}", file=sys.stderr)

    cur.execute("SELECT pgr_version()")
    print(f"pgrouting_version: {cur.fetchone()[0]}")
    cur.execute("SELECT count(*) FROM edges")
    print(f"pgrouting_edges: {cur.fetchone()[0]}")
    print(f"pgrouting_runs: {args.runs}")
    print(f"pgrouting_fetch_ms_per_source: {1000 * med / len(sources):.4f}")
    print(f"pgrouting_fetch_ms_per_source_min: {1000 * best / len(sources):.4f}")
    print(f"pgrouting_ms_per_source: {1000 * med_count / len(sources):.4f}")
    print(f"pgrouting_ms_per_source_min: {1000 * best_count / len(sources):.4f}")
    print(f"pgrouting_array_ms_per_source: {1000 * med_many / len(sources):.4f}")
    print(f"pgrouting_array_ms_per_source_min: {1000 * best_many / len(sources):.4f}")
    print(f"pgrouting_edges_query_ms: {1000 * read_s:.4f}")
    print(f"pgrouting_dijkstracost_pairs: {pairs}")
    print(f"pgrouting_dijkstracost_mismatches: {bad}")
    total_ok = reached_total_check("pgrouting", args.workdir, array_rows[-1])
    ok = compare("pgrouting", ours, theirs, args.cutoff) and bad == 0 and total_ok
    print(f"pgrouting_agree: {'yes' if ok else 'NO'}")
    return 0 if ok else 3


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("peer", choices=["networkx", "pgrouting"])
    p.add_argument("workdir")
    p.add_argument("--cutoff", type=float, default=1800)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--check", type=int, default=10)
    p.add_argument("--host", default="/tmp")
    p.add_argument("--db", default="bench")
    args = p.parse_args()
    return run_networkx(args) if args.peer == "networkx" else run_pgrouting(args)


if __name__ == "__main__":
    sys.exit(main())
