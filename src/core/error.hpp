#pragma once
/// Exception hierarchy of maillage. Only `main` catches everything and maps
/// these to exit codes: UsageError -> 2, every other Error -> 1.

#include <stdexcept>
#include <string>

namespace maillage {

/// Base of every error maillage throws on purpose.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The command line or an option value is wrong (exit code 2).
class UsageError : public Error {
  public:
    using Error::Error;
};

/// An input file is missing, unreadable or holds bad data. The message names
/// the file and, where there is one, the line or feature.
class InputError : public Error {
  public:
    using Error::Error;
};

/// A geometry operation failed (GEOS/PROJ/OGR returned an error).
class GeometryError : public Error {
  public:
    using Error::Error;
};

/// Writing an output failed (directory not writable, disk full...).
class OutputError : public Error {
  public:
    using Error::Error;
};

} // namespace maillage
