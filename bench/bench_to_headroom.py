#!/usr/bin/env python3
"""Convert a bench scenario (the JSON shape of bench-60x120.json) into an equivalent Headroom scenario (YAML).

Usage:
    bench_to_headroom.py BENCH.json [--out FILE]

The bench model (see ../shared/bench/reference_mc.py, whose docstring defines it) is written in Headroom's
scenario format (docs/scenario-format.md, version 1) so that both engines simulate exactly the same thing:

  bench                                  Headroom
  -------------------------------------  ----------------------------------------------------------------------
  start, months (or end)                 start, months (or end)
  (one demand curve)                     one workload `compute`
  phases[].provider                      one provider each, kind `cloud`
  existing_mw (> 0)                      provider `existing` (kind `self`) and contract `existing`: one block of
                                         existing_mw from the start month, delay fixed(0) (omitted when 0)
  phases[].region                        regions (ids as in the bench)
  phases of one (provider, region)       one campus `PROVIDER.REGION` holding them; the bench phase id is kept
                                         as the phase id, so per-phase results map back by id
  planned_month (integer, may be < 0)    planned = start + planned_month months
  mw / ramp_months                       it_mw / ramp_months
  delay_months pert / lognormal          pert(min, mode, max) / lognormal(median, sigma), full float precision
  delay_correlation                      correlation (global, provider, region)
  demand initial_mw, growth normal       demand exponential: start, initial_mw, annual_log_growth normal(mean, sd)
  (no prices)                            one contract per provider covering all its phases, price 0

Phases are referenced as `campus/phase`. Ids that are not valid Headroom ids (`[A-Za-z0-9][A-Za-z0-9._-]*`) are
rewritten for providers and regions (the original kept as `name`); phase ids must already be valid and unique, since
results are mapped back by them. Anything the converter cannot represent exactly (a non-integer planned month, an
unknown key, an unsupported distribution, a horizon over 480 months, ...) is an error with a clear message, never a
silent approximation. Standard library only.
"""
import argparse
import json
import math
import re
import sys

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# Plain YAML scalars that would not read back as strings (YAML 1.1 and 1.2 booleans and nulls).
YAML_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}
TOP_KEYS = {"name", "description", "start", "months", "end", "delay_correlation", "existing_mw", "demand", "phases"}
PHASE_KEYS = {"id", "provider", "region", "mw", "planned_month", "ramp_months", "delay_months"}
MAX_MONTHS = 480


class BenchError(Exception):
    """An input the converter cannot translate exactly."""


def fail(where, message):
    raise BenchError(f"{where}: {message}")


# ---------------------------------------------------------------------------------------------------------- values

def number(value, where, *, minimum=None, exclusive_minimum=None):
    """A finite JSON number (not a boolean), optionally bounded below."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(where, f"expected a number, got {json.dumps(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        fail(where, f"expected a finite number, got {value!r}")
    if minimum is not None and value < minimum:
        fail(where, f"must be >= {minimum}, got {value!r}")
    if exclusive_minimum is not None and not value > exclusive_minimum:
        fail(where, f"must be > {exclusive_minimum}, got {value!r}")
    return value


def integer(value, where):
    """An integral JSON number (3 or 3.0); anything fractional is an error."""
    number(value, where)
    if isinstance(value, float):
        if not value.is_integer():
            fail(where, f"must be a whole number of months, got {value!r} (Headroom months are calendar months)")
        value = int(value)
    return value


def fmt(value):
    """A number in full precision: ints as ints, floats as repr (always with a '.' so YAML 1.1 reads a float)."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    mantissa, sep, exponent = text.partition("e")
    if sep and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def scalar_id(text):
    """An id as a YAML scalar: plain when it reads back as the same string, double-quoted otherwise."""
    plain_ok = (
        re.match(r"^[A-Za-z][A-Za-z0-9._/-]*$", text) is not None
        and text.lower() not in YAML_RESERVED
    )
    return text if plain_ok else json.dumps(text)


def string(text):
    """Free text as a double-quoted YAML scalar (JSON string escapes are valid YAML)."""
    return json.dumps(text)


# ---------------------------------------------------------------------------------------------------------- months

def parse_month(text, where):
    if not isinstance(text, str) or not MONTH_RE.match(text):
        fail(where, f"expected a month YYYY-MM, got {json.dumps(text)}")
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12:
        fail(where, f"month must be 01..12, got {text}")
    return year * 12 + (month - 1)


def month_text(index, where):
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        fail(where, f"month falls outside years 0001..9999 (year {year})")
    return f"{year:04d}-{month + 1:02d}"


# ------------------------------------------------------------------------------------------------------------- ids

def sanitize(raw, where):
    """A valid Headroom id for a provider or region name."""
    if not isinstance(raw, str) or not raw:
        fail(where, f"expected a non-empty string, got {json.dumps(raw)}")
    if ID_RE.match(raw):
        return raw
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-._")
    return text or "x"


def assign_ids(names, reserved, where):
    """Map each original name to a unique valid id (deterministic: names in sorted order)."""
    taken = set(reserved)
    mapping = {}
    for raw in sorted(names):
        base = sanitize(raw, where)
        candidate, k = base, 2
        while candidate in taken:
            candidate = f"{base}-{k}"
            k += 1
        taken.add(candidate)
        mapping[raw] = candidate
    return mapping


# ------------------------------------------------------------------------------------------------------ conversion

def delay_text(delay, where):
    if not isinstance(delay, dict):
        fail(where, f"expected an object with 'kind', got {json.dumps(delay)}")
    kind = delay.get("kind")
    if kind == "pert":
        extra = set(delay) - {"kind", "min", "mode", "max"}
        if extra:
            fail(where, f"unknown keys {sorted(extra)} in a pert delay")
        lo = number(delay.get("min"), f"{where}.min")
        mode = number(delay.get("mode"), f"{where}.mode")
        hi = number(delay.get("max"), f"{where}.max")
        if not lo <= mode <= hi:
            fail(where, f"pert needs min <= mode <= max, got {lo!r}, {mode!r}, {hi!r}")
        if lo == hi:
            # The limit of PERT as the range shrinks is a point mass (the reference would divide by zero here).
            return f"fixed({fmt(lo)})"
        return f"pert({fmt(lo)}, {fmt(mode)}, {fmt(hi)})"
    if kind == "lognormal":
        extra = set(delay) - {"kind", "median", "sigma"}
        if extra:
            fail(where, f"unknown keys {sorted(extra)} in a lognormal delay (only median and sigma are supported)")
        median = number(delay.get("median"), f"{where}.median", exclusive_minimum=0)
        sigma = number(delay.get("sigma"), f"{where}.sigma", minimum=0)
        return f"lognormal({fmt(median)}, {fmt(sigma)})"
    fail(where, f"unsupported delay kind {json.dumps(kind)} (expected 'pert' or 'lognormal')")


def convert(bench, source_label, command):
    """The Headroom YAML text equivalent to `bench` (a parsed bench JSON object)."""
    if not isinstance(bench, dict):
        fail("scenario", "expected a JSON object at the top level")
    unknown = set(bench) - TOP_KEYS
    if unknown:
        fail("scenario", f"unknown keys {sorted(unknown)}: the converter does not know what they mean and will not "
                         "drop them silently")

    start = parse_month(bench.get("start"), "start")
    if ("months" in bench) == ("end" in bench):
        fail("scenario", "exactly one of 'months' and 'end' is required")
    if "months" in bench:
        months = integer(bench["months"], "months")
        horizon_line = f"months: {months}"
    else:
        months = parse_month(bench["end"], "end") - start + 1
        horizon_line = f"end: {bench['end']}"
    if not 1 <= months <= MAX_MONTHS:
        fail("months", f"the horizon must be 1..{MAX_MONTHS} months, got {months}")

    corr = bench.get("delay_correlation")
    if not isinstance(corr, dict):
        fail("delay_correlation", "expected an object with global, provider and region loadings")
    extra = set(corr) - {"global", "provider", "region"}
    if extra:
        fail("delay_correlation", f"unknown keys {sorted(extra)}")
    loads = {}
    for key in ("global", "provider", "region"):
        loads[key] = number(corr.get(key), f"delay_correlation.{key}", minimum=0)
        if loads[key] > 1:
            fail(f"delay_correlation.{key}", f"must be <= 1, got {loads[key]!r}")
    if sum(v * v for v in loads.values()) > 1 + 1e-12:
        fail("delay_correlation", "global^2 + provider^2 + region^2 must be <= 1")

    existing = number(bench.get("existing_mw", 0), "existing_mw", minimum=0)

    demand = bench.get("demand")
    if not isinstance(demand, dict):
        fail("demand", "expected an object with initial_mw and annual_log_growth")
    extra = set(demand) - {"initial_mw", "annual_log_growth"}
    if extra:
        fail("demand", f"unknown keys {sorted(extra)}")
    initial = number(demand.get("initial_mw"), "demand.initial_mw", exclusive_minimum=0)
    growth = demand.get("annual_log_growth")
    if not isinstance(growth, dict) or growth.get("kind") != "normal" or set(growth) - {"kind", "mean", "sd"}:
        fail("demand.annual_log_growth", "expected {\"kind\": \"normal\", \"mean\": ..., \"sd\": ...}")
    g_mean = number(growth.get("mean"), "demand.annual_log_growth.mean")
    g_sd = number(growth.get("sd"), "demand.annual_log_growth.sd", minimum=0)

    phases = bench.get("phases")
    if not isinstance(phases, list):
        fail("phases", "expected a list")
    seen = set()
    rows = []
    for i, ph in enumerate(phases):
        where = f"phases[{i}]"
        if not isinstance(ph, dict):
            fail(where, "expected an object")
        extra = set(ph) - PHASE_KEYS
        if extra:
            fail(where, f"unknown keys {sorted(extra)}")
        missing = PHASE_KEYS - set(ph)
        if missing:
            fail(where, f"missing keys {sorted(missing)}")
        pid = ph["id"]
        if not isinstance(pid, str) or not ID_RE.match(pid):
            fail(f"{where}.id", f"{json.dumps(pid)} is not a valid Headroom id ([A-Za-z0-9][A-Za-z0-9._-]*); "
                                "phase ids are kept so that results map back, so they cannot be rewritten")
        if pid in seen:
            fail(f"{where}.id", f"duplicate phase id {pid!r}: results could not be mapped back by id")
        seen.add(pid)
        for key in ("provider", "region"):
            if not isinstance(ph[key], str) or not ph[key]:
                fail(f"{where}.{key}", f"expected a non-empty string, got {json.dumps(ph[key])}")
        planned = integer(ph["planned_month"], f"{where}.planned_month")
        rows.append({
            "id": pid,
            "provider": ph["provider"],
            "region": ph["region"],
            "mw": number(ph["mw"], f"{where}.mw", exclusive_minimum=0),
            "planned": month_text(start + planned, f"{where}.planned_month"),
            "ramp": number(ph["ramp_months"], f"{where}.ramp_months", minimum=0),
            "delay": delay_text(ph["delay_months"], f"{where}.delay_months"),
        })
    if not rows and existing == 0:
        fail("phases", "no phases and no existing capacity: a Headroom scenario needs at least one provider")

    existing_id = "existing"
    providers = assign_ids({r["provider"] for r in rows}, {existing_id} if existing > 0 else set(), "provider")
    regions = assign_ids({r["region"] for r in rows}, set(), "region")

    campuses = {}                                    # (provider id, region id) -> campus id, phases
    for r in rows:
        key = (providers[r["provider"]], regions[r["region"]])
        campuses.setdefault(key, []).append(r)
    campus_ids = {}
    taken = set()
    for key in sorted(campuses):
        base = f"{key[0]}.{key[1]}"
        cid, k = base, 2
        while cid in taken:
            cid = f"{base}-{k}"
            k += 1
        taken.add(cid)
        campus_ids[key] = cid

    name = bench.get("name") if isinstance(bench.get("name"), str) and bench.get("name") else source_label
    start_text = month_text(start, "start")
    out = []
    w = out.append
    w(f"# Generated by bench/bench_to_headroom.py from {source_label}; do not edit by hand.")
    w(f"# Command: {command}")
    w("# The bench model of ../shared/bench/reference_mc.py in Headroom's format (docs/scenario-format.md):")
    w("# one workload, one campus per (provider, region), bench phase ids kept as phase ids, prices 0.")
    w("headroom: 1")
    w(f"name: {string(name)}")
    if isinstance(bench.get("description"), str):
        w(f"description: {string(bench['description'])}")
    else:
        w(f"description: {string('Converted from the bench scenario ' + source_label + ' (reference_mc.py model).')}")
    w(f"start: {start_text}")
    w(horizon_line)
    w("")
    w("workloads:")
    w("  - compute")
    w("")
    w("providers:")
    if existing > 0:
        w(f"  - id: {existing_id}")
        w(f"    name: {string('existing capacity (bench existing_mw)')}")
        w("    kind: self")
    for raw in sorted(providers, key=lambda x: providers[x]):
        w(f"  - id: {scalar_id(providers[raw])}")
        if providers[raw] != raw:
            w(f"    name: {string(raw)}")
        w("    kind: cloud")
    if regions:
        w("")
        w("regions:")
        for raw in sorted(regions, key=lambda x: regions[x]):
            if regions[raw] != raw:
                w(f"  - id: {scalar_id(regions[raw])}")
                w(f"    name: {string(raw)}")
            else:
                w(f"  - {scalar_id(regions[raw])}")
    if campuses:
        w("")
        w("campuses:")
        for key in sorted(campuses):
            w(f"  - id: {scalar_id(campus_ids[key])}")
            w(f"    provider: {scalar_id(key[0])}")
            w(f"    region: {scalar_id(key[1])}")
            w("    phases:")
            for r in campuses[key]:
                w(f"      - id: {scalar_id(r['id'])}")
                w(f"        it_mw: {fmt(r['mw'])}")
                w(f"        planned: {r['planned']}")
                w(f"        ramp_months: {fmt(r['ramp'])}")
                w(f"        delay_months: {r['delay']}")
    w("")
    w("contracts:")
    if existing > 0:
        w(f"  - id: {existing_id}")
        w(f"    provider: {existing_id}")
        w("    blocks:")
        w(f"      - mw: {fmt(existing)}")
        w(f"        from: {start_text}")
        w("        delay_months: fixed(0)")
        w("    price_usd_per_mw_month: 0")
    for pid in sorted(set(providers.values())):
        w(f"  - id: {scalar_id(pid)}")
        w(f"    provider: {scalar_id(pid)}")
        w("    phases:")
        for key in sorted(campuses):
            if key[0] != pid:
                continue
            for r in campuses[key]:
                w(f"      - {scalar_id(campus_ids[key] + '/' + r['id'])}")
        w("    price_usd_per_mw_month: 0")
    w("")
    w("demand:")
    w("  - workload: compute")
    w("    exponential:")
    w(f"      start: {start_text}")
    w(f"      initial_mw: {fmt(initial)}")
    w(f"      annual_log_growth: normal({fmt(g_mean)}, {fmt(g_sd)})")
    w("")
    w("correlation:")
    for key in ("global", "provider", "region"):
        w(f"  {key}: {fmt(loads[key])}")
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", help="bench scenario JSON (shape of bench-60x120.json)")
    ap.add_argument("--out", help="write the YAML here instead of stdout")
    a = ap.parse_args(argv)
    try:
        with open(a.bench, encoding="utf-8") as f:
            bench = json.load(f)
    except (OSError, ValueError) as e:
        print(f"bench_to_headroom: cannot read {a.bench}: {e}", file=sys.stderr)
        return 2
    label = a.bench.replace("\\", "/").rsplit("/", 1)[-1]
    command = "python3 bench/bench_to_headroom.py " + " ".join(
        [a.bench] + (["--out", a.out] if a.out else []))
    try:
        text = convert(bench, label, command)
    except BenchError as e:
        print(f"bench_to_headroom: {a.bench}: error: {e}", file=sys.stderr)
        return 2
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
