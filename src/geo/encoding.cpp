#include "geo/encoding.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <cerrno>
#include <cstdio>
#include <iconv.h>

namespace maillage::geo {

namespace {

iconv_t open_decoder(const std::string& encoding) {
    return ::iconv_open("UTF-8", encoding.c_str());
}

bool failed(iconv_t cd) { return cd == reinterpret_cast<iconv_t>(-1); }

} // namespace

std::string encoding_problem(const std::string& encoding) {
    if (encoding.empty()) return "is empty (expected an encoding such as \"windows-1252\" or \"latin1\")";
    iconv_t cd = open_decoder(encoding);
    if (failed(cd))
        return "is not an encoding this system knows: " + quote(encoding) +
               " (expected e.g. \"windows-1252\", \"latin1\", \"ISO-8859-15\"; 'iconv -l' lists them)";
    ::iconv_close(cd);
    return {};
}

Utf8Decoder::Utf8Decoder(const std::string& encoding) : m_encoding(encoding), m_cd(nullptr) {
    if (auto why = encoding_problem(encoding); !why.empty()) throw InputError("encoding " + why);
    m_cd = open_decoder(encoding);
}

Utf8Decoder::~Utf8Decoder() {
    if (m_cd) ::iconv_close(static_cast<iconv_t>(m_cd));
}

std::optional<std::string> Utf8Decoder::decode(std::string_view text, std::string* why) const {
    auto cd = static_cast<iconv_t>(m_cd);
    ::iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset the shift state
    std::string out(text.size() * 4 + 4, '\0');       // a byte becomes at most 4 in UTF-8
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    if (::iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) {
        if (why) {
            const std::size_t pos = static_cast<std::size_t>(in - text.data());
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[pos]));
            *why = errno == EINVAL ? "text ends inside a character at byte " + std::to_string(pos + 1)
                                   : "byte " + std::string(byte) + " at position " + std::to_string(pos + 1) +
                                         " has no meaning in " + m_encoding;
        }
        return std::nullopt;
    }
    out.resize(out.size() - out_left);
    return out;
}

} // namespace maillage::geo
