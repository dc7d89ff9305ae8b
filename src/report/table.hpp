#pragma once
/// A plain table of text cells and its renderings: aligned terminal text,
/// CSV (RFC 4180), Markdown. Rendering returns strings; the library never prints.

#include <string>
#include <vector>

namespace maillage {

struct Table {
    std::vector<std::string> columns;
    std::vector<bool> right_align; ///< per column (numbers); default left
    std::vector<std::vector<std::string>> rows;

    void add_row(std::vector<std::string> row) { rows.push_back(std::move(row)); }
};

/// Columns padded to their widest cell (UTF-8 aware), a rule under the header.
std::string render_text(const Table& table);
/// RFC 4180: comma separated, fields quoted when needed, "\n" line ends.
std::string render_csv(const Table& table);
/// GitHub-flavoured Markdown table ('|' escaped).
std::string render_markdown(const Table& table);

/// Escapes a string for a JSON string literal (quotes included); the same
/// escaping as the GeoJSON writer (io::json_string).
std::string json_string(const std::string& text);

/// Formats with a fixed number of decimals, '.' as decimal mark.
std::string fixed(double value, int decimals);
/// Integer with a thin grouping for terminal tables: 1104397 -> "1 104 397".
std::string grouped(long long value);

} // namespace maillage
