#pragma once
/// Helpers shared by the layers that src/app builds for export and report
/// (export.cpp, accessibility.cpp): a field definition in one call, and a
/// time in seconds as minutes with one decimal or null.

#include "geo/output_layer.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace maillage::app {

/// A field named `name` with its French and English titles, its unit (shown
/// in legends, "" for none) and whether it is a share (0..1, shown in %).
geo::FieldDef field(std::string name, geo::FieldType type, std::string fr, std::string en, std::string unit = "",
                    bool share = false);

/// Seconds as minutes rounded to one decimal; null when absent or
/// network::kUnreachable.
geo::FieldValue minutes_or_null(std::optional<std::uint32_t> s);
geo::FieldValue minutes_or_null(std::optional<double> s);
geo::FieldValue minutes_or_null(std::uint32_t s);

} // namespace maillage::app
