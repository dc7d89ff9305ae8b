#include "core/json.hpp"

#include "core/text.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace maillage {

std::string json_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", u);
                out += esc;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string format_real(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == 0) return "0"; // also turns -0 into 0
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

JsonWriter::JsonWriter(JsonStyle style) : m_style(style) {}

void JsonWriter::new_line(std::size_t depth) {
    m_out += '\n';
    m_out.append(depth * static_cast<std::size_t>(m_style.indent), ' ');
}

// The separator before an element of `frame` (the innermost container).
void JsonWriter::next_element(Frame& frame) {
    switch (frame.layout) {
    case Layout::one_line:
        if (!frame.empty) m_out += m_style.spaced ? ", " : ",";
        break;
    case Layout::lines:
        if (!frame.empty) m_out += ',';
        new_line(m_stack.size());
        break;
    case Layout::lines_close_on_last:
        // The break after the opening bracket is written by open().
        if (!frame.empty) {
            m_out += ',';
            new_line(m_stack.size());
        }
        break;
    }
    frame.empty = false;
}

void JsonWriter::before_value() {
    assert(!m_done && "JsonWriter: a second top-level value");
    if (m_stack.empty()) return;
    if (m_stack.back().object) {
        assert(m_after_key && "JsonWriter: a value in an object needs a key first");
        m_after_key = false;
        return;
    }
    next_element(m_stack.back());
}

JsonWriter& JsonWriter::open(bool object, Layout layout) {
    before_value();
    m_out += object ? '{' : '[';
    m_stack.push_back(Frame{object, layout, true});
    if (layout == Layout::lines_close_on_last) new_line(m_stack.size());
    return *this;
}

JsonWriter& JsonWriter::close(bool object) {
    assert(!m_stack.empty() && m_stack.back().object == object && "JsonWriter: unbalanced close");
    assert(!m_after_key && "JsonWriter: a key without its value");
    if (m_stack.back().layout == Layout::lines) new_line(m_stack.size() - 1);
    m_stack.pop_back();
    m_out += object ? '}' : ']';
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::begin_object(Layout layout) { return open(true, layout); }
JsonWriter& JsonWriter::end_object() { return close(true); }
JsonWriter& JsonWriter::begin_array(Layout layout) { return open(false, layout); }
JsonWriter& JsonWriter::end_array() { return close(false); }

JsonWriter& JsonWriter::key(std::string_view name) {
    assert(!m_stack.empty() && m_stack.back().object && "JsonWriter: a key outside an object");
    assert(!m_after_key && "JsonWriter: two keys in a row");
    next_element(m_stack.back());
    m_out += json_string(name);
    m_out += m_style.spaced ? ": " : ":";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    m_out += json;
    if (m_stack.empty()) m_done = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) { return raw(json_string(text)); }

JsonWriter& JsonWriter::number(std::string_view text) {
    assert(!text.empty() && "JsonWriter: an empty number");
    return raw(text);
}

JsonWriter& JsonWriter::fixed(double value, int decimals) { return raw(format_fixed(value, decimals)); }
JsonWriter& JsonWriter::real(double value) { return raw(format_real(value)); }
JsonWriter& JsonWriter::boolean(bool value) { return raw(value ? "true" : "false"); }
JsonWriter& JsonWriter::null() { return raw("null"); }

std::string JsonWriter::take() {
    assert(m_done && "JsonWriter: the value is not complete");
    std::string out = std::move(m_out);
    m_out.clear();
    m_stack.clear();
    m_after_key = false;
    m_done = false;
    return out;
}

} // namespace maillage
