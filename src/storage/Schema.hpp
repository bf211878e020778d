#pragma once
#include <cstdint>
#include <span>
#include <string_view>

// The journal's schema as an ordered list of migrations. A migration, once released, is never
// edited: a change to the schema is a new migration at the end. Plain C++ (no SQLite header) so
// that tools such as the fixture generator can replay the history up to any version.
namespace motus::storage::schema {

// PRAGMA application_id of a Motus journal: "MOTU".
inline constexpr std::int32_t kApplicationId = 0x4D4F5455;

struct Migration {
    int version;           // PRAGMA user_version once applied
    std::string_view name; // what it does, for messages
    std::string_view sql;  // one or more statements, run in one transaction
};

// Every migration, oldest first; migrations()[i].version == i + 1.
[[nodiscard]] std::span<const Migration> migrations();

// The newest schema this build knows.
[[nodiscard]] int latestVersion();

} // namespace motus::storage::schema
