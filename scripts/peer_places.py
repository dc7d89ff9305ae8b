"""Place-level peer check (issue 21): networkx's nearest site for every demand
point, on a graph it builds itself from arcs.csv, with every place inserted
on each of its nearest pieces by splitting the arcs (a place on a node sits
at fraction 0 or 1 of a piece, so it is joined to the node by a zero-time
arc). Compares with ours.csv. Usage: peer_places.py DIR
"""
import csv
import sys
import time
from collections import defaultdict

import networkx as nx


def main(folder):
    arcs = list(csv.DictReader(open(f"{folder}/arcs.csv")))
    pieces = defaultdict(list)  # shape -> [(fraction, place node, access_ds)]
    for row in csv.DictReader(open(f"{folder}/places.csv")):
        place = (row["kind"], int(row["index"]))
        pieces[int(row["shape"])].append((float(row["fraction"]), place, float(row["access_ds"])))

    g = nx.DiGraph()
    def add(u, v, w):
        if g.has_edge(u, v):
            w = min(w, g[u][v]["weight"])
        g.add_edge(u, v, weight=w)

    for a in arcs:
        tail, head, t = ("n", int(a["tail"])), ("n", int(a["head"])), float(a["time_ds"])
        shape, rev = int(a["shape"]), a["reversed"] == "1"
        on = sorted(((1 - f) if rev else f, place, acc) for f, place, acc in pieces.get(shape, []))
        prev, prev_pos = tail, 0.0
        for k, (pos, place, acc) in enumerate(on):
            node = ("arc", int(a["arc"]), k)
            add(prev, node, t * (pos - prev_pos))
            # A resident leaves its place for the road; a site is reached
            # from the road: both joined through the access leg.
            if place[0] == "demand":
                add(place, node, acc)
            else:
                add(node, place, acc)
            prev, prev_pos = node, pos
        add(prev, head, t * (1.0 - prev_pos))

    sites = sorted({p for lst in pieces.values() for _, p, _ in lst if p[0] == "site"})
    t0 = time.perf_counter()
    dist, paths = nx.multi_source_dijkstra(g.reverse(copy=False), sites, weight="weight")
    seconds = time.perf_counter() - t0

    ours = list(csv.DictReader(open(f"{folder}/ours.csv")))
    same_site = same_time = both_unreachable = 0
    worst = 0.0
    for row in ours:
        d = ("demand", int(row["demand"]))
        site, t_s = int(row["site"]), int(row["time_s"])
        if d not in dist:
            both_unreachable += site < 0
            same_site += site < 0
            same_time += site < 0
            continue
        peer_site = paths[d][0][1]
        peer_s = dist[d] / 10.0
        if site == peer_site:
            same_site += 1
        if site >= 0 and abs(t_s - peer_s) <= 1.0:
            same_time += 1
        if site >= 0:
            worst = max(worst, abs(t_s - peer_s))
    n = len(ours)
    print(f"networkx_graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} arcs (places inserted)")
    print(f"networkx_search_s: {seconds:.3f}")
    print(f"same_nearest_site: {same_site} of {n} ({100.0 * same_site / n:.2f} %)")
    print(f"same_time_within_1s: {same_time} of {n} ({100.0 * same_time / n:.2f} %)")
    print(f"both_unreachable: {both_unreachable}")
    print(f"max_time_difference_s: {worst:.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
