#include "report/table.hpp"

#include "core/text.hpp"

#include <cmath>
#include <cstdio>

namespace maillage {

namespace {

// Display width of UTF-8 text: counts code points (no wide characters in
// French place names).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool aligned_right(const Table& t, std::size_t col) {
    return col < t.right_align.size() && t.right_align[col];
}

} // namespace

std::string render_text(const Table& table) {
    std::vector<std::size_t> w(table.columns.size(), 0);
    for (std::size_t c = 0; c < table.columns.size(); ++c) w[c] = width(table.columns[c]);
    for (const auto& row : table.rows)
        for (std::size_t c = 0; c < row.size() && c < w.size(); ++c) w[c] = std::max(w[c], width(row[c]));
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string l;
        for (std::size_t c = 0; c < w.size(); ++c) {
            const std::string cell = c < cells.size() ? cells[c] : "";
            const std::string pad(w[c] - std::min(w[c], width(cell)), ' ');
            if (c) l += "  ";
            l += aligned_right(table, c) ? pad + cell : cell + pad;
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += l + "\n";
    };
    line(table.columns);
    std::string rule;
    for (std::size_t c = 0; c < w.size(); ++c) rule += (c ? "  " : "") + std::string(w[c], '-');
    out += rule + "\n";
    for (const auto& row : table.rows) line(row);
    return out;
}

std::string spreadsheet_safe(const std::string& cell) {
    if (cell.empty() || cell == "-") return cell;
    const char c = cell.front();
    if (c == '\t' || c == '\r' || c == '=' || c == '@') return "'" + cell;
    if ((c == '+' || c == '-') && !parse_double(cell)) return "'" + cell;
    return cell;
}

std::string csv_comment(const std::string& text) {
    std::string out = "# ";
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        std::string piece = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        for (auto& ch : piece)
            if (ch == '\n' || ch == '\r') ch = ' ';
        out += start == 0 ? piece : spreadsheet_safe(piece);
        if (comma == std::string::npos) break;
        out += ',';
        start = comma + 1;
    }
    return out + "\n";
}

std::string markdown_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        default: out += ch;
        }
    }
    return out;
}

std::string render_csv(const Table& table) {
    auto field = [](const std::string& raw) {
        const std::string s = spreadsheet_safe(raw);
        if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
        std::string q = "\"";
        for (char ch : s) {
            if (ch == '"') q += '"';
            q += ch;
        }
        return q + "\"";
    };
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + field(cells[c]);
        out += "\n";
    };
    line(table.columns);
    for (const auto& row : table.rows) line(row);
    return out;
}

std::string render_markdown(const Table& table) {
    auto cell = [](const std::string& s) {
        std::string e;
        for (char ch : markdown_text(s)) {
            if (ch == '|') e += '\\';
            e += ch == '\n' ? ' ' : ch;
        }
        return e;
    };
    std::string out = "|";
    for (const auto& c : table.columns) out += " " + cell(c) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < table.columns.size(); ++c) out += aligned_right(table, c) ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : table.rows) {
        out += "|";
        for (const auto& c : row) out += " " + cell(c) + " |";
        out += "\n";
    }
    return out;
}

} // namespace maillage
