#include "report/format.hpp"

namespace maillage {

std::optional<Format> parse_format(std::string_view text) {
    if (text == "table") return Format::table;
    if (text == "csv") return Format::csv;
    if (text == "md") return Format::md;
    if (text == "json") return Format::json;
    return std::nullopt;
}

const char* to_string(Format format) {
    switch (format) {
    case Format::table: return "table";
    case Format::csv: return "csv";
    case Format::md: return "md";
    case Format::json: return "json";
    }
    return "?";
}

} // namespace maillage
