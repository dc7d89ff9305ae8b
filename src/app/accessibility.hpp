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

/// "fixed" when an office (fixed or multi-site) is within threshold_min,
/// else "mobile_only" when a bus or itinerant stop is, else "none".
const char* access_category(const PointCoverage& point, std::uint32_t threshold_min);

} // namespace maillage::app
