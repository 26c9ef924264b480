#!/usr/bin/env python3
"""Rebuilds the census tables of data/indicators/ from the shared census folder.

Usage: make_census_tables.py ../shared/data/census-2020   (the shared census folder beside the repository)
Only copies and re-arranges published figures; the one derived figure per row (urban share,
rural population of a prefecture) is computed here from the same NBS table, as noted in the
*.meta.toml files. Missing figures stay empty cells, never 0.
"""
import csv
import shutil
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent


def rows(name):
    with open(src / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, header, body):
    with open(out / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)


pop = {r["code"]: r for r in rows("county_population_2020.csv")}
ind = {r["code"]: r for r in rows("county_census_indicators_2020.csv")}
assert len(pop) == 117

indicator_cols = ["sex_ratio_f100", "share_age_0_14_pct", "share_age_15_64_pct", "share_age_65plus_pct",
                  "avg_years_schooling", "avg_household_size", "illiteracy_rate_15plus_pct",
                  "ethnic_minority_share_pct"]

county = []
for code in sorted(pop):
    p, i = pop[code], ind[code]
    assert i["level"] == "county" and i["name"] == p["name"], code
    county.append([code, p["name"], p["prefecture_code"], p["prefecture"], p["population"],
                   p["urban_population"], p["rural_population"], p["urbanization_rate_pct_derived"]]
                  + [i[c] for c in indicator_cols] + [p["source"], i["source"]])
write("census_2020_county.csv",
      ["code", "name", "prefecture_code", "prefecture_name", "population", "urban_population",
       "rural_population", "urban_share_pct"] + indicator_cols + ["source_population", "source_indicators"],
      county)

pref = {}
for r in rows("prefecture_indicators.csv"):
    pref.setdefault(r["code"], {})[(r["indicator"], r["year"])] = r

prefecture = []
for code in sorted(c for c in ind if ind[c]["level"] == "prefecture"):
    i = ind[code]
    f = pref[code]
    total = int(f[("population_census", "2020")]["value"])
    urban = int(f[("urban_population_census", "2020")]["value"])
    prefecture.append([code, i["name"], total, urban, total - urban,
                       f[("urbanization_rate_pct_derived", "2020")]["value"]]
                      + [i[c] for c in indicator_cols]
                      + [f[("population_census", "2020")]["source"], i["source"]])
assert len(prefecture) == 11
write("census_2020_prefecture.csv",
      ["code", "name", "population", "urban_population", "rural_population", "urban_share_pct"]
      + indicator_cols + ["source_population", "source_indicators"], prefecture)

zones = []
for r in rows("special_zones_population_2020.csv"):
    zones.append([r["stat_code"], r["name"], r["prefecture_code"], r["prefecture"], r["population"],
                  r["urban_population"], r["rural_population"],
                  "%.2f" % (100.0 * int(r["urban_population"]) / int(r["population"])), r["source"]])
write("census_2020_special_zones.csv",
      ["stat_code", "name", "prefecture_code", "prefecture_name", "population", "urban_population",
       "rural_population", "urban_share_pct", "source"], zones)

gdp = []
for code in sorted(c for c in ind if ind[c]["level"] == "prefecture"):
    f = pref[code]
    g20, g22 = f[("gdp", "2020")], f[("gdp", "2022")]
    area = f[("area_km2", "n/d")]
    gdp.append([code, ind[code]["name"], g20["value"], g20["source"], g22["value"], g22["source"],
                area["value"], area["source"]])
write("prefecture_economy.csv",
      ["code", "name", "gdp_2020", "source_gdp_2020", "gdp_2022", "source_gdp_2022", "area_km2",
       "source_area"], gdp)

shutil.copyfile(src / "sources.csv", out / "sources.csv")
