#pragma once
/// The standard result of an accessibility study: one row per demand point
/// (a commune's town hall, or a cell of a population grid) with its time to
/// the nearest France Services, which site, its format, its category at each
/// threshold and the weekly hours within reach. Written by `export`
/// (accessibility.geojson / .csv, layer of maillage.gpkg) and by
/// `report --by point`.

#include "app/run.hpp"
#include "geo/output_layer.hpp"

namespace maillage::app {

/// The layer of `situation`, one point feature per demand point, in the
/// demand's order. Fields: id, commune (INSEE code, null outside every
/// commune), name, population, snap_m (distance from the point to the road
/// it is placed on; null for crow-fly), time_min and site_id, site_name,
/// site_format of the nearest service point (any kind), fixed_time_min and
/// fixed_site_id of the nearest office, category_T per threshold ("fixed",
/// "mobile_only", "none"), hours_week within the service threshold and
/// hours_unknown (a service within reach has unknown hours). Times in
/// minutes with one decimal; null where nothing is reachable.
geo::OutputLayer accessibility_layer(const Run& run, const Situation& situation);

/// The change between two situations, one point feature per demand point of
/// `after` (matched to `before` by id: the same scenario at two dates, or two
/// scenarios with the same demand). Fields: id, commune, name, population,
/// time_before_min, time_after_min, change_min (after - before, negative
/// when the point is served faster; null when either is unreachable or the
/// point is not in `before`), site_before_id, site_after_id, then
/// category_T_before and category_T_after per threshold of `after`.
geo::OutputLayer accessibility_change_layer(const Run& before_run, const Situation& before, const Run& after_run,
                                            const Situation& after);

} // namespace maillage::app
