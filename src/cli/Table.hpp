#pragma once
#include "core/Dose.hpp"
#include "core/Journal.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The command table: every command of the command line with its arguments, its options (their
// types and ranges) and its handler. The one table drives the parsing (CLI11), the dispatch, the
// help (`motus --help`, `motus COMMAND --help`) and, through `motus --help`, the reference in the
// README.
namespace motus::cli {

struct Context;
using Handler = int (*)(Context&);

enum class ValueType {
    Flag,     // no value
    Integer,  // a whole number within `range`
    Seconds,  // a finite number of seconds within `range` (fractions allowed)
    Text,     // any text but the empty one (an id, a file name)
    Date,     // YYYY-MM-DD
    Choice,   // one of `choices`
    Size,     // WIDTHxHEIGHT, each within `range`
    Language, // en or a language of locale/LINGUAS
};

struct Option {
    std::string_view name;  // "--sets"
    std::string_view value; // what the value is called in help ("N"); empty: the choices
    ValueType type = ValueType::Flag;
    const char* help = ""; // N_(): shown in the command's help, with the range or the choices
    core::IntRange range{};
    std::vector<std::string> choices;
    bool repeatable = false;
    bool required = false;
    int group = 0;            // the options of one group exclude each other
    std::string_view needs;   // only together with this option
    bool listChoices = false; // the global help lists the choices (NAME: a, b, c)
};

struct Positional {
    std::string_view name; // "ID"
    const char* what = ""; // N_("an exercise id"): "log needs an exercise id"
    bool required = true;
    bool many = false;
    ValueType type = ValueType::Text; // Text or Integer (within `range`)
    core::IntRange range{};
};

struct Command {
    std::string_view path; // "program start"; empty: no command (the window)
    std::vector<Positional> positionals;
    std::vector<Option> options;
    const char* summary = "";   // N_()
    Handler handler = nullptr;  // null: only a group of subcommands ("program")
    bool groupRequired = false; // one option of group 1 must be given
};

// The table, in the order of the help.
[[nodiscard]] const std::vector<Command>& commands();
// --library, --lang, --db, --help, --version: before or after any command.
[[nodiscard]] const std::vector<Option>& globalOptions();
[[nodiscard]] const Command* findCommand(std::string_view path);
// en and the languages of locale/LINGUAS.
[[nodiscard]] const std::vector<std::string>& languages();

// The options and arguments of one command line, checked against the table.
class Values {
public:
    [[nodiscard]] bool has(std::string_view option) const;
    [[nodiscard]] bool flag(std::string_view option) const { return has(option); }
    [[nodiscard]] std::optional<int> integer(std::string_view option) const;
    [[nodiscard]] std::optional<double> seconds(std::string_view option) const;
    [[nodiscard]] std::optional<std::string> text(std::string_view option) const;
    [[nodiscard]] std::vector<std::string> texts(std::string_view option) const;
    [[nodiscard]] std::optional<core::Date> date(std::string_view option) const;
    [[nodiscard]] std::optional<std::pair<unsigned, unsigned>> size(std::string_view option) const;
    [[nodiscard]] const std::vector<std::string>& positionals() const { return m_positionals; }

    void add(std::string_view option, std::string value);
    void addPositional(std::string value) { m_positionals.push_back(std::move(value)); }

private:
    std::map<std::string, std::vector<std::string>, std::less<>> m_values;
    std::vector<std::string> m_positionals;
};

// A command line read and checked.
struct Invocation {
    const Command* command = nullptr; // never null after parseCommandLine
    Values values;
    bool help = false;
    bool version = false;
    std::optional<std::string> error; // a usage error (exit 2), translated
};

// The words of a command line as CLI11 read them, before any message is made (so that --lang
// can choose the language of the messages first).
struct Reading;

class CommandLine {
public:
    explicit CommandLine(const std::vector<std::string>& argv);
    ~CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    // The language asked for with --lang, when it is one Motus has; else empty.
    [[nodiscard]] std::string language() const;
    // Checks everything against the table; messages in the current language.
    [[nodiscard]] Invocation check() const;

private:
    std::unique_ptr<Reading> m_reading;
};

// `motus --help` (command null or the window) or `motus COMMAND --help`.
[[nodiscard]] std::string helpText(const Command* command);
// "Usage: motus log ID [--date D] ..." and where to read more, after a usage error.
[[nodiscard]] std::string usageHint(const Command* command);

// Whether a word that stands where a command could names a file for the window (`motus
// FILE`): it ends in .xml or holds a '/', which no command does. A command's name always wins.
[[nodiscard]] bool looksLikeFile(std::string_view word);

// Value parsers shared by the check and the handlers.
[[nodiscard]] std::optional<int> parseInteger(std::string_view text);
[[nodiscard]] std::optional<double> parseSeconds(std::string_view text);
[[nodiscard]] std::optional<std::pair<unsigned, unsigned>> parseSize(std::string_view text);

} // namespace motus::cli
