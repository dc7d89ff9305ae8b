#pragma once
/// Text in another encoding than UTF-8 (a CSV saved by Excel in
/// Windows-1252), converted strictly with iconv: an undecodable byte is an
/// error, never a silent '?' or a dropped character.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace maillage::geo {

/// Converts from one encoding (any iconv name: "windows-1252", "latin1",
/// "CP1252", "ISO-8859-15") to UTF-8. Not copyable; one per layer read.
class Utf8Decoder {
  public:
    /// Throws InputError if iconv does not know `encoding`.
    explicit Utf8Decoder(const std::string& encoding);
    ~Utf8Decoder();
    Utf8Decoder(const Utf8Decoder&) = delete;
    Utf8Decoder& operator=(const Utf8Decoder&) = delete;

    /// `text` in UTF-8; nullopt if a byte has no meaning in the encoding
    /// (e.g. 0x81 in Windows-1252) or the text ends inside a character, with
    /// the offending byte in `why` ("byte 0x81 at position 4").
    std::optional<std::string> decode(std::string_view text, std::string* why = nullptr) const;

    const std::string& encoding() const { return m_encoding; }

  private:
    std::string m_encoding;
    void* m_cd; // iconv_t
};

/// Empty if iconv knows `encoding`, else why not (for the scenario reader).
std::string encoding_problem(const std::string& encoding);

} // namespace maillage::geo
