#pragma once
/// What every renderer of report/ is driven by: the output format, and for
/// the coverage report the rows of its table.

#include <optional>
#include <string_view>

namespace maillage {

enum class Format { table, csv, md, json };

/// "table", "csv", "md", "json"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view text);
const char* to_string(Format format);

/// The rows of the coverage report's table.
enum class Rows { canton, commune };

} // namespace maillage
