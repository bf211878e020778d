#pragma once
#include "core/Diagnostic.hpp"
#include "core/Dose.hpp"
#include "core/Library.hpp"
#include "core/Program.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// A program being built or edited by a therapist (the builder screen, docs/program-format.md):
// every operation keeps it a program the loader accepts, within the limits of clinical-rules.md
// §1 and each exercise's own bounds. A value out of range is clamped and the operation returns a
// translated sentence saying the allowed range ("" when the value was taken as given).
namespace motus::service {

enum class DoseField { Sets, Reps, Hold, Tempo, Rest };
enum class BoundField { Sets, Reps, Hold, Rest };
// The range of `bounds` that `field` names.
[[nodiscard]] core::IntRange& boundOf(core::DoseBounds& bounds, BoundField field);
[[nodiscard]] core::IntRange boundOf(const core::DoseBounds& bounds, BoundField field);

struct DraftWarning {
    enum class Kind {
        Variant,     // an exercise and a harder variant of it in one phase
        LongSession, // one session of a phase takes longer than the chosen maximum
        AtEdge,      // a dose at the top (or bottom) of every range of automatic change
    };
    Kind kind = Kind::Variant;
    std::size_t phase = 0;
    std::optional<std::size_t> item; // the item it is about; empty for the whole phase
    std::string text;                // translated
};

// What the patient does in one phase.
struct PhaseSummary {
    int firstWeek = 1; // 1-based program weeks
    int lastWeek = 1;
    int perWeek = 7; // days a week
    int perDay = 1;  // sessions a day
    std::size_t exercises = 0;
    int sessionSeconds = 0; // one session, as the player times it (core::Timeline)
    [[nodiscard]] int sessionsPerWeek() const { return perWeek * perDay; }
    [[nodiscard]] int sessionMinutes() const; // rounded, at least 1 with any exercise
};

class ProgramDraft {
public:
    static constexpr core::IntRange kSessionMinutes{5, 120};

    // A new program: a title, one empty phase of two weeks, daily.
    ProgramDraft(const core::Library& library, std::string lang);
    // An existing program file to edit. Throws Refused naming the file and its first errors when
    // the loader refuses it.
    [[nodiscard]] static ProgramDraft open(const std::filesystem::path& file,
                                           const core::Library& library, std::string lang);

    [[nodiscard]] const core::Program& program() const { return m_program; }
    [[nodiscard]] const core::Library& library() const { return *m_library; }
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }
    [[nodiscard]] bool modified() const { return m_modified; }

    // --- the program ---
    // The id follows the title (lower-case words joined by hyphens) until it is set by hand.
    // The title and the phase names as the therapist sees and edits them: in the builder's
    // language when the program has a translation there (a German title of a bundled program is
    // edited as such), else the program's own (English) one.
    [[nodiscard]] const std::string& shownTitle() const { return m_program.titleIn(m_lang); }
    [[nodiscard]] const std::string& phaseName(std::size_t phase) const {
        return m_program.phases.at(phase).nameIn(m_lang);
    }
    void setTitle(std::string title);
    // Refused (Refused) when `id` is not lower-case words joined by hyphens.
    void setId(std::string id);
    void setAuthor(std::string author);
    void setPatient(std::string note); // empty: none
    void setAutoProgression(bool on);
    void setQuotaMode(bool on);
    [[nodiscard]] int maxSessionMinutes() const { return m_maxMinutes; }
    std::string setMaxSessionMinutes(int minutes);

    // --- phases ---
    std::size_t addPhase();              // after the last, with its frequency
    void removePhase(std::size_t phase); // Refused for the only phase
    void renamePhase(std::size_t phase, std::string name);
    std::string setWeeks(std::size_t phase, int weeks);
    std::string setPerWeek(std::size_t phase, int days);
    std::string setPerDay(std::size_t phase, int sessions);

    // --- the routine of a phase ---
    // Adds the exercise with its default dose and bounds; returns its index. Refused for an
    // unknown exercise or one already in the phase.
    std::size_t addExercise(std::size_t phase, const std::string& id);
    void removeItem(std::size_t phase, std::size_t item);
    // Moves an item up (-1) or down (+1); returns its new index.
    std::size_t moveItem(std::size_t phase, std::size_t item, int delta);

    // The values a dose field may take for this item: clinical-rules.md §1 within the
    // exercise's bounds; hold 0 only without a hold phase.
    [[nodiscard]] core::IntRange allowed(std::size_t phase, std::size_t item,
                                         DoseField field) const;
    [[nodiscard]] int value(std::size_t phase, std::size_t item, DoseField field) const;
    // Sets a dose field (clamped); the item's range of automatic change grows to contain it.
    // Sets and reps re-make a pyramid in force.
    std::string setDose(std::size_t phase, std::size_t item, DoseField field, int value);
    void setSide(std::size_t phase, std::size_t item, core::Side side);
    // A pyramid: the reps of each set going down by two from the reps, not below the allowed
    // minimum (e.g. 6 4 2). Off: every set the same reps.
    std::string setPyramid(std::size_t phase, std::size_t item, bool on);
    // An explicit pyramid (one entry per set, each within the allowed reps); Refused otherwise.
    void setPyramid(std::size_t phase, std::size_t item, const std::vector<int>& reps);
    // One end of the range of automatic change, clamped to the exercise's bounds and to contain
    // the dose.
    std::string setBound(std::size_t phase, std::size_t item, BoundField field, bool upper,
                         int value);
    void setLocked(std::size_t phase, std::size_t item, bool locked);

    // --- what it amounts to ---
    [[nodiscard]] std::vector<DraftWarning> warnings() const;
    [[nodiscard]] std::vector<PhaseSummary> summary() const;
    // "Weeks 1–2 · Activation: 7 days a week, once a day · about 12 minutes a session"
    [[nodiscard]] std::string summaryLine(std::size_t phase) const;
    // What must be filled in before it can be saved (translated); empty when it can.
    [[nodiscard]] std::vector<std::string> missing() const;

    // --- the file ---
    // The program file text (docs/program-format.md), as `motus program export` writes it.
    [[nodiscard]] std::string text() const;
    // `~/Documents/<id>.motus.xml`, or `~/<id>.motus.xml` without a Documents folder.
    [[nodiscard]] std::filesystem::path defaultFile() const;
    // Checks the program (missing(), then the program loader) and writes it atomically (0600).
    // Refused, with nothing written, when something is missing, when the loader finds an error,
    // or when `target` exists, is not the file this draft came from and `replace` is false.
    // Afterwards file() is `target` and the draft is unmodified.
    void save(const std::filesystem::path& target, bool replace);
    // Turns the draft into a copy: a new id ("<id>-copy", numbered when needed) and no file,
    // so that the next save writes a new file.
    void makeCopy();

private:
    core::ProgramItem& itemAt(std::size_t phase, std::size_t item);
    [[nodiscard]] const core::ProgramItem& itemAt(std::size_t phase, std::size_t item) const;
    [[nodiscard]] const core::Exercise& exerciseOf(const core::ProgramItem& item) const;
    void growBounds(core::ProgramItem& item);
    void remakePyramid(core::ProgramItem& item);

    const core::Library* m_library;
    std::string m_lang;
    core::Program m_program;
    std::filesystem::path m_file;
    bool m_idByHand = false;
    bool m_modified = false;
    int m_maxMinutes = 30;
};

// The program id a title makes: lower-case words joined by hyphens (ä → ae, ß → ss; other
// letters outside a–z dropped); "program" when nothing is left.
[[nodiscard]] std::string idFromTitle(const std::string& title);

} // namespace motus::service
