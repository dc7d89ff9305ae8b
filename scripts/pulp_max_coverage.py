#!/usr/bin/python3
"""Solves the maximal-coverage problem written by bench_optimize --write with
PuLP + CBC, for the side-by-side benchmark of issue 5 (scripts/bench-optimize).

    /usr/bin/python3 scripts/pulp_max_coverage.py INSTANCE [--time-limit S]

Model (the textbook MCLP, on the raw demand points):
    max sum_d w_d y_d
    y_d <= sum_{c covers d within the threshold} x_c   (demand not yet covered)
    sum_c x_c = k;  sum_{c in g} x_c >= 1 (required g);  sum_{c in g} x_c <= cap
    x binary, 0 <= y <= 1
Prints one JSON line: status, objective (population newly covered), build_s
(reading + model), solve_s (pulp.solve: writing the MPS, CBC, reading back).
"""
import json
import sys
import time

import pulp


def read_instance(path):
    with open(path) as f:
        lines = f.read().split("\n")
    assert lines[0].startswith("maillage-maxcov 1"), "not a bench_optimize instance"
    head = lines[1].split()
    kv = {head[i]: int(head[i + 1]) for i in range(0, len(head), 2)}
    req = [int(t) for t in lines[2].split()[2:]]
    group = [int(t) for t in lines[3].split()[1:]]
    weight = [float(t) for t in lines[4].split()[1:]]
    base = [int(t) for t in lines[5].split()[1:]]
    cover = []
    for line in lines[6:6 + kv["candidates"]]:
        cover.append([int(t) for t in line.split()[2:]])
    return kv, req, group, weight, base, cover


def main():
    path = sys.argv[1]
    time_limit = None
    if "--time-limit" in sys.argv:
        time_limit = float(sys.argv[sys.argv.index("--time-limit") + 1])
    t0 = time.perf_counter()
    kv, req, group, weight, base, cover = read_instance(path)
    thr, k, cap = kv["threshold"], kv["k"], kv["cap"]
    nc = kv["candidates"]
    live = [(b < 0 or b > thr) and w > 0 for b, w in zip(base, weight)]
    covering = {}
    for c, ds in enumerate(cover):
        for d in ds:
            if live[d]:
                covering.setdefault(d, []).append(c)
    prob = pulp.LpProblem("maxcov", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{c}", cat="Binary") for c in range(nc)]
    y = {d: pulp.LpVariable(f"y{d}", lowBound=0, upBound=1) for d in sorted(covering)}
    prob += pulp.lpSum(weight[d] * y[d] for d in y)
    for d, cs in covering.items():
        prob += y[d] <= pulp.lpSum(x[c] for c in cs)
    prob += pulp.lpSum(x) == k
    members = {}
    for c, g in enumerate(group):
        if g >= 0:
            members.setdefault(g, []).append(c)
    for g in req:
        prob += pulp.lpSum(x[c] for c in members[g]) >= 1
    if cap > 0:
        for g, cs in members.items():
            if len(cs) > cap:
                prob += pulp.lpSum(x[c] for c in cs) <= cap
    t1 = time.perf_counter()
    solver = pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, timeLimit=time_limit)
    prob.solve(solver)
    t2 = time.perf_counter()
    objective = sum(weight[d] * (y[d].varValue or 0) for d in y)
    print(json.dumps({
        "status": pulp.LpStatus[prob.status],
        "objective": objective,
        "build_s": t1 - t0,
        "solve_s": t2 - t1,
        "total_s": t2 - t0,
    }))


if __name__ == "__main__":
    main()
