#include "report/table.hpp"

#include "core/error.hpp"
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

std::optional<CsvLocale> parse_csv_locale(std::string_view text) {
    if (text == "c" || text == "en" || text == "default") return CsvLocale::c;
    if (text == "fr") return CsvLocale::fr;
    return std::nullopt;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, char sep, const std::string& name) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    std::size_t line = 1, quote_line = 0;
    bool quoted = false, was_quoted = false;
    auto end_row = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        rows.push_back(std::move(row));
        row.clear();
        was_quoted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (quoted) {
            if (ch == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (ch == '\n') ++line;
                cell += ch;
            }
        } else if (ch == '"') {
            if (!cell.empty() || was_quoted)
                throw InputError(name + ": line " + std::to_string(line) + ": quote inside an unquoted field");
            quoted = was_quoted = true;
            quote_line = line;
        } else if (ch == sep) {
            row.push_back(std::move(cell));
            cell.clear();
            was_quoted = false;
        } else if (ch == '\n') {
            if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            end_row();
            ++line;
        } else {
            if (was_quoted && ch != '\r')
                throw InputError(name + ": line " + std::to_string(line) + ": text after a closing quote");
            if (!was_quoted) cell += ch;
        }
    }
    if (quoted) throw InputError(name + ": line " + std::to_string(quote_line) + ": quote not closed");
    if (!cell.empty() || !row.empty() || was_quoted) end_row();
    return rows;
}

namespace {

// A plain decimal number with a '.' as render_csv writes them ("-12.5"):
// no exponent, no spaces, digits on both sides of the point.
bool is_decimal_with_point(const std::string& s) {
    std::size_t i = s.size() > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    const auto point = s.find('.');
    if (point == std::string::npos || point == i || point + 1 == s.size()) return false;
    for (; i < s.size(); ++i)
        if (i != point && !(s[i] >= '0' && s[i] <= '9')) return false;
    return true;
}

std::string csv_line(const std::vector<std::string>& cells, char sep) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c) out += sep;
        const std::string& s = cells[c];
        if (s.find_first_of(std::string(1, sep) + "\"\n\r") == std::string::npos) {
            out += s;
            continue;
        }
        out += '"';
        for (char ch : s) {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += '"';
    }
    return out + "\n";
}

} // namespace

std::string localize_csv(std::string_view csv, CsvLocale locale) {
    if (locale == CsvLocale::c) return std::string(csv);
    std::string out = "\xEF\xBB\xBF";
    for (auto& row : parse_csv(csv, ',', "CSV output")) {
        for (auto& cell : row)
            if (is_decimal_with_point(cell)) cell[cell.find('.')] = ',';
        out += csv_line(row, ';');
    }
    return out;
}

std::string csv_notes_path(const std::string& csv_path) {
    const std::string ext = ".csv";
    if (csv_path.size() > ext.size() && csv_path.compare(csv_path.size() - ext.size(), ext.size(), ext) == 0)
        return csv_path.substr(0, csv_path.size() - ext.size()) + ".txt";
    return csv_path + ".txt";
}

std::string csv_notes_text(const std::string& csv_name, const std::vector<std::string>& notes, CsvLocale locale) {
    std::string out = "Notes on " + csv_name + "\n\n";
    for (const auto& n : notes) {
        std::string line = n;
        for (auto& ch : line)
            if (ch == '\n' || ch == '\r') ch = ' ';
        out += line + "\n";
    }
    out += locale == CsvLocale::fr
               ? "\nFile format: UTF-8 with a byte order mark, ';' between fields, decimal comma (--csv-locale fr), "
                 "header on line 1.\n"
               : "\nFile format: UTF-8, ',' between fields, '.' in numbers (RFC 4180), header on line 1.\n";
    return out;
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
