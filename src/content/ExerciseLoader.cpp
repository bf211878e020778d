#include "ExerciseLoader.hpp"

#include "XmlReader.hpp"
#include "core/Kinematics.hpp"
#include "core/MannequinView.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace motus::content {
namespace {

using core::Diagnostic;
using tinyxml2::XMLElement;

std::string millimetres(double value) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(3);
    out << value;
    return out.str();
}

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

class ExerciseParser {
public:
    ExerciseParser(const std::string& path, std::vector<Diagnostic>& diagnostics)
        : m_xml(path, diagnostics) {}

    std::optional<core::Exercise> parse(const XMLElement* root, std::optional<std::string>& id);

private:
    void readSource(const XMLElement* el, core::Exercise& ex);
    void readText(const XMLElement* el, core::Exercise& ex, std::map<std::string, int>& langLines);
    void readClassification(const XMLElement* el, core::Exercise& ex);
    void readDose(const XMLElement* el, core::Exercise& ex);
    void readBounds(const XMLElement* el, core::Exercise& ex);
    void readVariants(const XMLElement* el, core::Exercise& ex);
    void readMovement(const XMLElement* el, core::Exercise& ex);
    void readMovement2(const XMLElement* el, core::Exercise& ex);
    void readPhases(const XMLElement* el, core::Exercise& ex);
    void readCamera(const XMLElement* el, core::Scene& scene);
    void readProp(const XMLElement* el, core::Scene& scene);
    void readSwing(const XMLElement* el, core::Scene& scene);
    std::optional<core::KeyPose> readKeyPose(const XMLElement* el, const core::Exercise& ex,
                                             bool fault);
    void sceneFromVersion1(core::Exercise& ex);
    void readPose(const XMLElement* el, core::Exercise& ex);
    bool checkPoseAnatomy(const XMLElement* el, const core::Pose& pose, core::View view);
    void checkContacts(const XMLElement* el, const core::Pose& pose, core::View view);
    void checkTranslations(const core::Exercise& ex, const std::map<std::string, int>& langLines);
    std::vector<std::string> readList(const XMLElement* el, const char* itemName);

    XmlReader m_xml;
    struct DoseRead {
        bool sets = false, reps = false, hold = false, rest = false;
    } m_doseRead; // which dose fields were read, so bounds only check those
};

std::vector<std::string> ExerciseParser::readList(const XMLElement* list, const char* itemName) {
    std::vector<std::string> items;
    m_xml.checkAttributes(list, {});
    m_xml.checkChildren(list, {itemName});
    for (const XMLElement* item = list->FirstChildElement(itemName); item != nullptr;
         item = item->NextSiblingElement(itemName)) {
        m_xml.checkAttributes(item, {});
        m_xml.checkChildren(item, {});
        if (auto text = m_xml.requiredText(item)) {
            items.emplace_back(*text);
        }
    }
    return items;
}

void ExerciseParser::readSource(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkAttributes(el, {"licence", "author", "dose-basis"});
    m_xml.checkChildren(el, {});
    ex.doseFromConvention = m_xml.doseFromConvention(el);
    if (auto licence = m_xml.requiredAttribute(el, "licence")) {
        ex.licence = *licence;
    }
    if (auto author = m_xml.optionalAttribute(el, "author")) {
        ex.author = *author;
    }
    if (auto text = m_xml.requiredText(el)) {
        ex.source = *text;
    }
}

void ExerciseParser::readText(const XMLElement* el, core::Exercise& ex,
                              std::map<std::string, int>& langLines) {
    m_xml.checkAttributes(el, {"xml:lang"});
    m_xml.checkChildren(
        el, {"name", "summary", "steps", "cues", "cautions", "contraindications", "fault"});
    const auto lang = m_xml.languageAttribute(el);
    if (!lang) {
        return;
    }
    const std::string& code = *lang;
    if (auto it = langLines.find(code); it != langLines.end()) {
        m_xml.error(el->GetLineNum(), "<text xml:lang=\"" + code +
                                          "\"> is given twice (first at line " +
                                          std::to_string(it->second) + ")");
        return;
    }
    langLines[code] = el->GetLineNum();
    core::ExerciseText text;
    const bool english = code == "en";
    if (const XMLElement* name = m_xml.single(el, "name", english)) {
        m_xml.checkAttributes(name, {});
        m_xml.checkChildren(name, {});
        text.name = m_xml.requiredText(name).value_or("");
    }
    if (const XMLElement* summary = m_xml.single(el, "summary", english)) {
        m_xml.checkAttributes(summary, {});
        m_xml.checkChildren(summary, {});
        text.summary = m_xml.requiredText(summary).value_or("");
    }
    if (const XMLElement* steps = m_xml.single(el, "steps", english)) {
        text.steps = readList(steps, "step");
        if (text.steps.empty()) {
            m_xml.error(steps->GetLineNum(), "<steps>: needs at least one <step>");
        }
    }
    if (const XMLElement* cues = m_xml.single(el, "cues", false)) {
        text.cues = readList(cues, "cue");
    }
    if (const XMLElement* cautions = m_xml.single(el, "cautions", false)) {
        text.cautions = readList(cautions, "caution");
    }
    if (const XMLElement* contra = m_xml.single(el, "contraindications", false)) {
        text.contraindications = readList(contra, "contraindication");
    }
    if (const XMLElement* fault = m_xml.single(el, "fault", false)) {
        m_xml.checkAttributes(fault, {});
        m_xml.checkChildren(fault, {});
        text.fault = m_xml.requiredText(fault).value_or("");
    }
    ex.texts[code] = std::move(text);
}

void ExerciseParser::readClassification(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkAttributes(el, {"regions", "goals", "position", "equipment", "level"});
    m_xml.checkChildren(el, {});
    if (auto regions = m_xml.requiredAttribute(el, "regions")) {
        for (const auto& region : splitWords(*regions)) {
            if (!core::isRegion(region)) {
                m_xml.attributeError(el, "regions",
                                     "'" + region + "' is not one of " +
                                         joinNames(core::regionNames()));
            } else {
                ex.regions.push_back(region);
            }
        }
        if (splitWords(*regions).empty()) {
            m_xml.attributeError(el, "regions", "needs at least one region");
        }
    }
    if (auto goals = m_xml.requiredAttribute(el, "goals")) {
        for (const auto& goal : splitWords(*goals)) {
            if (auto parsed = m_xml.enumValue<core::Goal>(el, "goals", goal, core::goalNames())) {
                ex.goals.push_back(*parsed);
            }
        }
        if (splitWords(*goals).empty()) {
            m_xml.attributeError(el, "goals", "needs at least one goal");
        }
    }
    if (auto position = m_xml.requiredAttribute(el, "position")) {
        if (auto parsed =
                m_xml.enumValue<core::Position>(el, "position", *position, core::positionNames())) {
            ex.position = *parsed;
        }
    }
    if (auto equipment = m_xml.requiredAttribute(el, "equipment")) {
        for (const auto& item : splitWords(*equipment)) {
            if (!core::isEquipment(item)) {
                m_xml.attributeError(el, "equipment",
                                     "'" + item + "' is not one of " +
                                         joinNames(core::equipmentNames()));
            } else {
                ex.equipment.push_back(item);
            }
        }
    }
    if (auto level = m_xml.intAttribute(el, "level", {1, 5}, true)) {
        ex.level = *level;
    }
}

void ExerciseParser::readDose(const XMLElement* el, core::Exercise& ex) {
    using L = core::DoseLimits;
    m_xml.checkAttributes(el, {"sets", "reps", "hold", "tempo", "rest", "side", "per-day",
                               "per-week", "pyramid", "hold-capped"});
    m_xml.checkChildren(el, {});
    core::Dose& dose = ex.dose;
    auto sets = m_xml.intAttribute(el, "sets", L::sets, true);
    auto reps = m_xml.intAttribute(el, "reps", L::reps, true);
    auto hold = el->Attribute("hold") == nullptr ? std::optional<int>(0)
                                                 : m_xml.intAttribute(el, "hold", L::hold, false);
    auto rest = m_xml.intAttribute(el, "rest", L::rest, true);
    m_doseRead = {sets.has_value(), reps.has_value(), hold.has_value(), rest.has_value()};
    dose.sets = sets.value_or(dose.sets);
    dose.reps = reps.value_or(dose.reps);
    dose.holdSeconds = hold.value_or(0);
    dose.tempoSeconds = m_xml.intAttribute(el, "tempo", L::tempo, true).value_or(dose.tempoSeconds);
    dose.restSeconds = rest.value_or(dose.restSeconds);
    dose.perDay = m_xml.intAttribute(el, "per-day", L::perDay, false).value_or(1);
    dose.perWeek = m_xml.intAttribute(el, "per-week", L::perWeek, true).value_or(dose.perWeek);
    if (auto side = m_xml.requiredAttribute(el, "side")) {
        if (auto parsed = m_xml.enumValue<core::Side>(el, "side", *side, core::sideNames())) {
            dose.side = *parsed;
        }
    }
    if (auto capped = m_xml.boolAttribute(el, "hold-capped")) {
        ex.holdCapped = *capped;
    }
    if (auto pyramid = m_xml.optionalAttribute(el, "pyramid")) {
        for (const auto& word : splitWords(*pyramid)) {
            auto value = parseWhole(word);
            if (!value) {
                m_xml.attributeError(el, "pyramid", "'" + word + "' is not a whole number");
                return;
            }
            if (!L::reps.contains(*value)) {
                m_xml.attributeError(el, "pyramid",
                                     std::to_string(*value) + " is outside the range 1..30");
                return;
            }
            dose.pyramid.push_back(*value);
        }
        if (dose.pyramid.size() != static_cast<std::size_t>(dose.sets) && sets) {
            m_xml.attributeError(el, "pyramid",
                                 std::to_string(dose.pyramid.size()) +
                                     (dose.pyramid.size() == 1 ? " value for " : " values for ") +
                                     std::to_string(dose.sets) + " sets");
            m_doseRead.reps = false;
        }
    }
}

void ExerciseParser::readBounds(const XMLElement* el, core::Exercise& ex) {
    using L = core::DoseLimits;
    m_xml.checkAttributes(el, {"sets", "reps", "hold", "rest"});
    m_xml.checkChildren(el, {});
    auto check = [&](const char* name, core::IntRange limit, int doseValue, bool required,
                     core::IntRange& out, bool doseRead) {
        auto range = m_xml.rangeAttribute(el, name, limit, required);
        if (!range) {
            return;
        }
        out = *range;
        if (doseRead && !range->contains(doseValue)) {
            m_xml.attributeError(el, name,
                                 "the default dose " + std::to_string(doseValue) + " is outside " +
                                     std::to_string(range->min) + ".." +
                                     std::to_string(range->max));
        }
    };
    check("sets", L::sets, ex.dose.sets, true, ex.bounds.sets, m_doseRead.sets);
    int repsForCheck = ex.dose.reps;
    if (!ex.dose.pyramid.empty()) {
        repsForCheck = *std::max_element(ex.dose.pyramid.begin(), ex.dose.pyramid.end());
    }
    check("reps", L::reps, repsForCheck, true, ex.bounds.reps, m_doseRead.reps);
    check("hold", L::hold, ex.dose.holdSeconds, true, ex.bounds.hold, m_doseRead.hold);
    check("rest", L::rest, ex.dose.restSeconds, false, ex.bounds.rest, m_doseRead.rest);
}

void ExerciseParser::readVariants(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkAttributes(el, {"progression", "regression", "none"});
    m_xml.checkChildren(el, {});
    ex.variantsLine = el->GetLineNum();
    if (auto none = m_xml.optionalAttribute(el, "none")) {
        if (el->Attribute("progression") != nullptr || el->Attribute("regression") != nullptr) {
            m_xml.attributeError(el, "none", "says there is no variant, but the element names one");
        } else if (none->find_first_not_of(" \t\n") == std::string_view::npos) {
            m_xml.attributeError(el, "none", "is empty: say why there is no variant");
        } else {
            ex.noVariantReason = std::string(*none);
        }
    }
    for (const char* name : {"progression", "regression"}) {
        auto value = m_xml.optionalAttribute(el, name);
        if (!value) {
            continue;
        }
        if (!isValidId(*value)) {
            m_xml.attributeError(
                el, name,
                "'" + std::string(*value) +
                    "' is not an exercise id (lower-case words joined by hyphens)");
            continue;
        }
        if (*value == ex.id) {
            m_xml.attributeError(el, name, "an exercise cannot be its own variant");
            continue;
        }
        (std::string_view(name) == "progression" ? ex.progression : ex.regression) =
            std::string(*value);
    }
}

bool ExerciseParser::checkPoseAnatomy(const XMLElement* el, const core::Pose& pose,
                                      core::View view) {
    const auto errorsBefore = m_xml.errorCount();
    const std::string viewName(core::toString(view));
    for (std::size_t i = 0; i < core::kJointCount; ++i) {
        const auto joint = static_cast<core::Joint>(i);
        const auto limit = core::jointLimit(joint, view);
        if (!limit.contains(pose.angles[i])) {
            m_xml.attributeError(el, std::string(core::toString(joint)).c_str(),
                                 number(pose.angles[i]) + " is beyond the anatomical range " +
                                     number(limit.min) + ".." + number(limit.max) + " (" +
                                     viewName + " view)");
        }
    }
    for (const auto& chain : core::spinalChains()) {
        const double sum = pose.angle(chain.first) + pose.angle(chain.second);
        const auto limit = core::chainLimit(chain, view);
        if (!limit.contains(sum)) {
            m_xml.error(el->GetLineNum(),
                        "<pose id=\"" + pose.id + "\">: " + std::string(chain.name) + " " +
                            std::string(core::toString(chain.first)) + " + " +
                            std::string(core::toString(chain.second)) + " = " + number(sum) +
                            " is beyond the anatomical range " + number(limit.min) + ".." +
                            number(limit.max) + " (" + viewName + " view)");
        }
    }
    return m_xml.errorCount() == errorsBefore;
}

void ExerciseParser::checkContacts(const XMLElement* el, const core::Pose& pose, core::View view) {
    if (view == core::View::Top || pose.contacts.empty()) {
        return;
    }
    const auto body = core::placeBody(pose, view, kCheckHeightMetres);
    for (const auto segment : pose.contacts) {
        const double height = body.lowest(segment);
        if (height > kContactToleranceMetres) {
            m_xml.attributeError(el, "contacts",
                                 "'" + std::string(core::toString(segment)) + "' is " +
                                     millimetres(height) + " m above the floor in pose '" +
                                     pose.id + "' (at most " +
                                     millimetres(kContactToleranceMetres) + " m allowed)");
        }
    }
}

void ExerciseParser::readPose(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkChildren(el, {});
    core::Pose pose;
    pose.line = el->GetLineNum();
    auto id = m_xml.requiredAttribute(el, "id");
    if (!id) {
        return;
    }
    pose.id = *id;
    if (!isValidId(pose.id)) {
        m_xml.attributeError(el, "id",
                             "'" + pose.id + "' is not lower-case words joined by hyphens");
        return;
    }
    if (auto existing = ex.poseIndex(pose.id)) {
        m_xml.attributeError(el, "id",
                             "pose '" + pose.id + "' is defined twice (first at line " +
                                 std::to_string(ex.poses[*existing].line) + ")");
        return;
    }
    bool ok = true;
    for (const auto* attr = el->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
        const std::string_view name = attr->Name();
        if (name == "id") {
            continue;
        }
        if (name == "orientation") {
            auto value = m_xml.realAttribute(el, "orientation", -180.0, 180.0);
            ok = ok && value.has_value();
            pose.orientation = value.value_or(0.0);
            continue;
        }
        if (name == "contacts") {
            if (splitWords(attr->Value()).empty() && ex.view != core::View::Top) {
                m_xml.attributeError(el, "contacts", "is empty");
                ok = false;
            }
            for (const auto& word : splitWords(attr->Value())) {
                auto segment = core::parseSegment(word);
                if (!segment) {
                    m_xml.attributeError(el, "contacts",
                                         "'" + word + "' is not a segment of the skeleton");
                    ok = false;
                } else {
                    pose.contacts.push_back(*segment);
                }
            }
            continue;
        }
        auto joint = core::parseJoint(name);
        if (!joint) {
            m_xml.error(attr->GetLineNum(), "<pose>: unknown attribute '" + std::string(name) +
                                                "' (not a joint of the skeleton)");
            ok = false;
            continue;
        }
        auto value = m_xml.realAttribute(el, attr->Name(), -360.0, 360.0);
        ok = ok && value.has_value();
        pose.angles[static_cast<std::size_t>(*joint)] = value.value_or(0.0);
    }
    if (ex.view != core::View::Top && pose.contacts.empty() &&
        el->Attribute("contacts") == nullptr) {
        m_xml.error(el->GetLineNum(), "<pose>: missing required attribute 'contacts'");
        ok = false;
    }
    if (ok && checkPoseAnatomy(el, pose, ex.view)) {
        checkContacts(el, pose, ex.view);
    }
    ex.poses.push_back(std::move(pose));
}

void ExerciseParser::readMovement(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkAttributes(el, {"view"});
    m_xml.checkChildren(el, {"pose", "phase"});
    if (auto view = m_xml.requiredAttribute(el, "view")) {
        if (auto parsed = m_xml.enumValue<core::View>(el, "view", *view, core::viewNames())) {
            ex.view = *parsed;
        }
    }
    for (const XMLElement* pose = el->FirstChildElement("pose"); pose != nullptr;
         pose = pose->NextSiblingElement("pose")) {
        readPose(pose, ex);
    }
    int poseElements = 0;
    for (const XMLElement* pose = el->FirstChildElement("pose"); pose != nullptr;
         pose = pose->NextSiblingElement("pose")) {
        ++poseElements;
    }
    if (poseElements < 2) {
        m_xml.error(el->GetLineNum(), "<movement>: needs at least two <pose> elements");
    }
    readPhases(el, ex);
    sceneFromVersion1(ex);
}

void ExerciseParser::readPhases(const XMLElement* el, core::Exercise& ex) {
    bool hasHold = false;
    int lastPhaseLine = el->GetLineNum();
    for (const XMLElement* phaseEl = el->FirstChildElement("phase"); phaseEl != nullptr;
         phaseEl = phaseEl->NextSiblingElement("phase")) {
        m_xml.checkAttributes(phaseEl, {"type", "pose"});
        m_xml.checkChildren(phaseEl, {});
        core::Phase phase;
        lastPhaseLine = phaseEl->GetLineNum();
        auto type = m_xml.requiredAttribute(phaseEl, "type");
        auto poseId = m_xml.requiredAttribute(phaseEl, "pose");
        if (!type || !poseId) {
            continue;
        }
        auto parsedType =
            m_xml.enumValue<core::PhaseType>(phaseEl, "type", *type, core::phaseTypeNames());
        auto index = ex.poseIndex(*poseId);
        if (!index) {
            m_xml.attributeError(phaseEl, "pose", "unknown pose '" + std::string(*poseId) + "'");
            continue;
        }
        if (!parsedType) {
            continue;
        }
        phase.type = *parsedType;
        phase.pose = *index;
        hasHold = hasHold || phase.type == core::PhaseType::Hold;
        ex.phases.push_back(phase);
    }
    if (el->FirstChildElement("phase") == nullptr) {
        m_xml.error(el->GetLineNum(), "<movement>: needs at least one <phase>");
    } else if (!ex.phases.empty() && ex.phases.back().pose != 0) {
        m_xml.error(lastPhaseLine, "<movement>: the last <phase> must return to the first "
                                   "pose '" +
                                       (ex.poses.empty() ? std::string() : ex.poses[0].id) + "'");
    }
    if (ex.dose.holdSeconds > 0 && !hasHold && !ex.phases.empty()) {
        m_xml.error(el->GetLineNum(), "<movement>: the dose holds " +
                                          std::to_string(ex.dose.holdSeconds) +
                                          " s but no <phase type=\"hold\"> is given");
    }
}

void ExerciseParser::sceneFromVersion1(core::Exercise& ex) {
    core::Scene& scene = ex.scene;
    scene.cameras = {core::cameraFor(ex.view)};
    if (std::find(ex.equipment.begin(), ex.equipment.end(), "mat") != ex.equipment.end()) {
        core::Prop mat;
        mat.kind = core::PropKind::Mat;
        mat.id = "mat";
        scene.props.push_back(mat);
    }
    for (const core::Pose& pose : ex.poses) {
        core::KeyPose key;
        key.id = pose.id;
        key.line = pose.line;
        key.posture = core::fromVersion1(pose, ex.view);
        for (const auto segment : pose.contacts) {
            if (auto part = core::parsePart(core::toString(segment))) {
                key.contacts.push_back({*part, {}});
            }
        }
        scene.poses.push_back(std::move(key));
    }
}

void ExerciseParser::readCamera(const XMLElement* el, core::Scene& scene) {
    m_xml.checkAttributes(el, {"azimuth", "elevation"});
    m_xml.checkChildren(el, {});
    core::Camera camera;
    if (m_xml.requiredAttribute(el, "azimuth")) {
        camera.azimuth = m_xml.realAttribute(el, "azimuth", -360.0, 360.0).value_or(0.0);
    }
    camera.elevation = m_xml.realAttribute(el, "elevation", -90.0, 90.0).value_or(0.0);
    scene.cameras.push_back(camera);
}

void ExerciseParser::readProp(const XMLElement* el, core::Scene& scene) {
    m_xml.checkAttributes(el, {"type", "id", "x", "y", "z", "yaw", "width", "depth", "height",
                               "radius", "length", "hands", "hand", "ankle", "foot", "along",
                               "side", "distance"});
    m_xml.checkChildren(el, {});
    core::Prop prop;
    prop.line = el->GetLineNum();
    const auto type = m_xml.requiredAttribute(el, "type");
    if (!type) {
        return;
    }
    const auto kind = m_xml.enumValue<core::PropKind>(el, "type", *type, core::propKindNames());
    if (!kind) {
        return;
    }
    prop.kind = *kind;
    prop.id = std::string(m_xml.optionalAttribute(el, "id").value_or(*type));
    if (!isValidId(prop.id)) {
        m_xml.attributeError(el, "id",
                             "'" + prop.id + "' is not lower-case words joined by hyphens");
        return;
    }
    if (scene.prop(prop.id) != nullptr) {
        m_xml.attributeError(el, "id",
                             "prop '" + prop.id + "' is given twice; give the second an id");
        return;
    }
    prop.at.x = m_xml.realAttribute(el, "x", -5.0, 5.0).value_or(0.0);
    prop.at.y = m_xml.realAttribute(el, "y", 0.0, 3.0).value_or(0.0);
    prop.at.z = m_xml.realAttribute(el, "z", -5.0, 5.0).value_or(0.0);
    prop.yaw = m_xml.realAttribute(el, "yaw", -360.0, 360.0).value_or(0.0);
    prop.width = m_xml.realAttribute(el, "width", 0.01, 5.0).value_or(0.0);
    prop.depth = m_xml.realAttribute(el, "depth", 0.01, 5.0).value_or(0.0);
    if (el->Attribute("length") != nullptr) {
        prop.depth = m_xml.realAttribute(el, "length", 0.1, 3.0).value_or(0.0);
    }
    prop.height = m_xml.realAttribute(el, "height", 0.005, 3.0).value_or(0.0);
    prop.radius = m_xml.realAttribute(el, "radius", 0.005, 1.0).value_or(0.0);
    if (auto hands = m_xml.optionalAttribute(el, "hands")) {
        for (const auto& word : splitWords(*hands)) {
            if (word == "left" || word == "both") {
                prop.held.push_back(core::Part::HandL);
            }
            if (word == "right" || word == "both") {
                prop.held.push_back(core::Part::HandR);
            }
            if (word != "left" && word != "right" && word != "both") {
                m_xml.attributeError(el, "hands", "'" + word + "' is not one of left, right, both");
            }
        }
    }
    for (const char* limb : {"hand", "ankle"}) {
        const auto side = m_xml.optionalAttribute(el, limb);
        if (!side) {
            continue;
        }
        if (prop.kind != core::PropKind::Weight) {
            m_xml.attributeError(el, limb, "places a weight only");
            continue;
        }
        if (!prop.held.empty()) {
            m_xml.attributeError(el, limb, "a weight is in one hand or at one ankle");
            continue;
        }
        const bool hand = std::string_view(limb) == "hand";
        if (*side == "left") {
            prop.held.push_back(hand ? core::Part::HandL : core::Part::ShankL);
        } else if (*side == "right") {
            prop.held.push_back(hand ? core::Part::HandR : core::Part::ShankR);
        } else {
            m_xml.attributeError(el, limb,
                                 "'" + std::string(*side) + "' is not one of left, right");
        }
    }
    if (auto foot = m_xml.optionalAttribute(el, "foot")) {
        // A band round the forefoot (ankle work after a sprain), pulled by the foot.
        if (prop.kind != core::PropKind::Band) {
            m_xml.attributeError(el, "foot", "ties a band to a foot; only a band has it");
        } else if (!prop.held.empty()) {
            m_xml.attributeError(el, "foot", "a band is held in the hands or tied to one foot");
        } else if (*foot == "left" || *foot == "right") {
            prop.held.push_back(*foot == "left" ? core::Part::FootL : core::Part::FootR);
        } else {
            m_xml.attributeError(el, "foot",
                                 "'" + std::string(*foot) + "' is not one of left, right");
        }
    }
    if (prop.kind == core::PropKind::Weight && el->Attribute("hand") == nullptr &&
        el->Attribute("ankle") == nullptr) {
        m_xml.error(el->GetLineNum(),
                    "<prop type=\"weight\">: needs 'hand' (a dumbbell) or 'ankle' (a cuff weight)");
    }
    if (auto along = m_xml.optionalAttribute(el, "along")) {
        if (*along != "back") {
            m_xml.attributeError(el, "along", "'" + std::string(*along) + "' is not 'back'");
        }
        prop.alongBack = true;
    }
    if (prop.kind == core::PropKind::Wall) {
        const auto side = m_xml.optionalAttribute(el, "side").value_or("front");
        const double distance = m_xml.realAttribute(el, "distance", 0.0, 5.0).value_or(0.5);
        const double half = core::withDefaults(prop).depth / 2;
        if (side == "front") {
            prop.at = {distance + half, 0.0, prop.at.z};
        } else if (side == "behind") {
            prop.at = {-distance - half, 0.0, prop.at.z};
        } else if (side == "left") {
            prop.at = {prop.at.x, 0.0, -distance - half};
            prop.yaw = 90.0;
        } else if (side == "right") {
            prop.at = {prop.at.x, 0.0, distance + half};
            prop.yaw = 90.0;
        } else {
            m_xml.attributeError(
                el, "side", "'" + std::string(side) + "' is not one of front, behind, left, right");
        }
    } else if (el->Attribute("side") != nullptr || el->Attribute("distance") != nullptr) {
        m_xml.error(el->GetLineNum(), "<prop>: 'side' and 'distance' place a wall only");
    }
    if (prop.kind == core::PropKind::Band && prop.held.empty()) {
        m_xml.error(el->GetLineNum(),
                    "<prop type=\"band\">: missing required attribute 'hands' (the hand that "
                    "holds it) or 'foot' (the foot it is tied round); x, y, z place its anchor");
    }
    if (prop.kind == core::PropKind::Dowel && prop.held.empty() && !prop.alongBack) {
        m_xml.error(el->GetLineNum(), "<prop type=\"dowel\">: needs 'hands' or along=\"back\"");
    }
    scene.props.push_back(prop);
}

void ExerciseParser::readSwing(const XMLElement* el, core::Scene& scene) {
    m_xml.checkAttributes(el, {"limb"});
    m_xml.checkChildren(el, {});
    const auto limb = m_xml.requiredAttribute(el, "limb");
    if (!limb) {
        return;
    }
    core::Swing swing;
    swing.line = el->GetLineNum();
    if (*limb == "arm-l") {
        swing.arm = core::Part::UpperArmL;
    } else if (*limb == "arm-r") {
        swing.arm = core::Part::UpperArmR;
    } else {
        m_xml.attributeError(el, "limb",
                             "'" + std::string(*limb) +
                                 "' is not one of arm-l, arm-r (an arm "
                                 "that hangs and swings)");
        return;
    }
    for (const core::Swing& other : scene.swings) {
        if (other.arm == swing.arm) {
            m_xml.attributeError(el, "limb",
                                 "'" + std::string(*limb) + "' swings already (line " +
                                     std::to_string(other.line) + ")");
            return;
        }
    }
    scene.swings.push_back(swing);
}

std::optional<core::KeyPose> ExerciseParser::readKeyPose(const XMLElement* el,
                                                         const core::Exercise& ex, bool fault) {
    m_xml.checkChildren(el, {});
    core::KeyPose key;
    key.line = el->GetLineNum();
    const char* what = fault ? "<fault>" : "<pose>";
    if (!fault) {
        auto id = m_xml.requiredAttribute(el, "id");
        if (!id) {
            return std::nullopt;
        }
        key.id = *id;
        if (!isValidId(key.id)) {
            m_xml.attributeError(el, "id",
                                 "'" + key.id + "' is not lower-case words joined by hyphens");
            return std::nullopt;
        }
        if (auto existing = ex.poseIndex(key.id)) {
            m_xml.attributeError(el, "id",
                                 "pose '" + key.id + "' is defined twice (first at line " +
                                     std::to_string(ex.poses[*existing].line) + ")");
            return std::nullopt;
        }
    } else {
        key.id = "fault";
    }
    bool contactsGiven = false;
    if (auto base = m_xml.optionalAttribute(el, "base")) {
        auto index = ex.poseIndex(*base);
        if (!index || *index >= ex.scene.poses.size()) {
            m_xml.attributeError(el, "base",
                                 "unknown pose '" + std::string(*base) +
                                     "' (a pose can start from one written before it)");
            return std::nullopt;
        }
        key.posture = ex.scene.poses[*index].posture;
        key.contacts = ex.scene.poses[*index].contacts;
        contactsGiven = true;
    }
    bool ok = true;
    int small = 0;
    int nonZero = 0;
    for (const auto* attr = el->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
        const std::string_view name = attr->Name();
        if (name == "id" || name == "base" || (fault && name == "of")) {
            continue;
        }
        if (name == "focus" && !fault) {
            for (const auto& word : splitWords(attr->Value())) {
                auto part = core::parsePart(word);
                if (!part) {
                    m_xml.attributeError(el, "focus", "'" + word + "' is not a part of the figure");
                    ok = false;
                    continue;
                }
                key.focus.push_back(*part);
            }
            continue;
        }
        if (name == "contacts") {
            contactsGiven = true;
            key.contacts.clear();
            for (const auto& word : splitWords(attr->Value())) {
                const auto at = word.find('@');
                const std::string partName = word.substr(0, at);
                const std::string propName = at == std::string::npos ? "" : word.substr(at + 1);
                auto part = core::parsePart(partName);
                if (!part) {
                    m_xml.attributeError(el, "contacts",
                                         "'" + partName + "' is not a part of the figure");
                    ok = false;
                    continue;
                }
                if (!propName.empty() && propName != "floor" &&
                    ex.scene.prop(propName) == nullptr) {
                    m_xml.attributeError(el, "contacts",
                                         "'" + word + "': no prop '" + propName +
                                             "' is declared (a <prop> before the poses)");
                    ok = false;
                    continue;
                }
                key.contacts.push_back({*part, propName == "floor" ? "" : propName});
            }
            continue;
        }
        const auto dot = name.find('.');
        if (dot == std::string_view::npos) {
            m_xml.error(attr->GetLineNum(),
                        std::string(what) + ": unknown attribute '" + std::string(name) +
                            "' (a joint's movement is written joint.movement, e.g. hip-l.flexion)");
            ok = false;
            continue;
        }
        const std::string_view joint = name.substr(0, dot);
        const std::string_view movement = name.substr(dot + 1);
        if (joint == "pelvis") {
            const auto value = m_xml.realAttribute(el, attr->Name(), -360.0, 360.0);
            ok = ok && value.has_value();
            const double v = value.value_or(0.0);
            auto& pl = key.posture.pelvis;
            if (movement == "x") {
                pl.position.x = v;
            } else if (movement == "z") {
                pl.position.z = v;
            } else if (movement == "yaw") {
                pl.yaw = v;
            } else if (movement == "pitch") {
                pl.pitch = v;
            } else if (movement == "roll") {
                pl.roll = v;
            } else {
                m_xml.error(attr->GetLineNum(), std::string(what) + ": unknown attribute '" +
                                                    std::string(name) +
                                                    "' (the pelvis takes x, z, yaw, pitch, roll)");
                ok = false;
            }
            continue;
        }
        const auto dof = core::parseDof(joint, movement);
        if (!dof) {
            m_xml.error(attr->GetLineNum(), std::string(what) + ": unknown attribute '" +
                                                std::string(name) +
                                                "' (not a joint and movement of the figure; see "
                                                "docs/exercise-format.md)");
            ok = false;
            continue;
        }
        const auto value = m_xml.realAttribute(el, attr->Name(), -360.0, 360.0);
        ok = ok && value.has_value();
        const double v = value.value_or(0.0);
        key.posture[*dof] = v;
        if (v != 0.0) {
            ++nonZero;
            if (std::abs(v) <= 3.2 && v != std::round(v)) {
                ++small;
            }
        }
    }
    if (!contactsGiven) {
        m_xml.error(el->GetLineNum(),
                    std::string(what) + ": missing required attribute 'contacts'");
        ok = false;
    }
    if (nonZero >= 2 && small == nonZero) {
        m_xml.warning(el->GetLineNum(),
                      std::string(what) + (fault ? "" : " '" + key.id + "'") +
                          ": every angle is under 3.2 and not whole: they look like radians; "
                          "Motus reads degrees");
    }
    for (const auto& problem : core::limitProblems(key.posture, 1.0)) {
        m_xml.error(el->GetLineNum(),
                    std::string(what) + (fault ? "" : " '" + key.id + "'") + ": " + problem);
        ok = false;
    }
    if (!ok) {
        return std::nullopt;
    }
    return key;
}

void ExerciseParser::readMovement2(const XMLElement* el, core::Exercise& ex) {
    m_xml.checkAttributes(el, {});
    m_xml.checkChildren(el, {"camera", "prop", "swing", "pose", "fault", "phase"});
    core::Scene& scene = ex.scene;
    for (const XMLElement* c = el->FirstChildElement("camera"); c != nullptr;
         c = c->NextSiblingElement("camera")) {
        readCamera(c, scene);
    }
    if (scene.cameras.empty()) {
        m_xml.error(el->GetLineNum(), "<movement>: needs a <camera> (the view that shows it)");
    } else if (scene.cameras.size() > 2) {
        m_xml.error(el->GetLineNum(), "<movement>: at most two <camera> elements");
    }
    for (const XMLElement* p = el->FirstChildElement("prop"); p != nullptr;
         p = p->NextSiblingElement("prop")) {
        readProp(p, scene);
    }
    int poseElements = 0;
    for (const XMLElement* p = el->FirstChildElement("pose"); p != nullptr;
         p = p->NextSiblingElement("pose")) {
        ++poseElements;
        if (auto key = readKeyPose(p, ex, false)) {
            core::Pose pose; // the version-1 record keeps the ids the phases name
            pose.id = key->id;
            pose.line = key->line;
            ex.poses.push_back(std::move(pose));
            scene.poses.push_back(std::move(*key));
        }
    }
    if (poseElements < 2) {
        m_xml.error(el->GetLineNum(), "<movement>: needs at least two <pose> elements");
    }
    for (const XMLElement* w = el->FirstChildElement("swing"); w != nullptr;
         w = w->NextSiblingElement("swing")) {
        readSwing(w, scene);
    }
    core::hangSwingingArms(scene); // the fault pose, read next, keeps its arm as written
    if (const XMLElement* f = m_xml.single(el, "fault", false)) {
        if (auto of = m_xml.requiredAttribute(f, "of")) {
            if (auto index = ex.poseIndex(*of)) {
                scene.faultOf = *index;
                scene.fault = readKeyPose(f, ex, true);
            } else {
                m_xml.attributeError(f, "of", "unknown pose '" + std::string(*of) + "'");
            }
        }
    }
    // The camera's view, for what still speaks of one (the version-1 drawing, the handout).
    if (!scene.cameras.empty()) {
        const auto& c = scene.cameras.front();
        const double az = std::fmod(std::fmod(c.azimuth, 360.0) + 360.0, 360.0);
        ex.view = c.elevation > 60.0                                        ? core::View::Top
                  : (az > 45.0 && az < 135.0) || (az > 225.0 && az < 315.0) ? core::View::Front
                                                                            : core::View::Side;
    }
    readPhases(el, ex);
}

void ExerciseParser::checkTranslations(const core::Exercise& ex,
                                       const std::map<std::string, int>& langLines) {
    auto english = ex.texts.find(std::string_view{"en"});
    if (english == ex.texts.end()) {
        return;
    }
    const auto& en = english->second;
    for (const auto& [lang, text] : ex.texts) {
        if (lang == "en") {
            continue;
        }
        const int line = langLines.at(lang);
        const std::string where = "<text xml:lang=\"" + lang + "\">: ";
        if (text.name.empty()) {
            m_xml.warning(line, where + "missing translation of <name>");
        }
        if (text.summary.empty()) {
            m_xml.warning(line, where + "missing translation of <summary>");
        }
        auto compare = [&](const std::vector<std::string>& a, const std::vector<std::string>& b,
                           const char* item) {
            if (a.size() != b.size()) {
                m_xml.warning(line, where + std::to_string(a.size()) + " <" + item +
                                        "> where "
                                        "English has " +
                                        std::to_string(b.size()));
            }
        };
        compare(text.steps, en.steps, "step");
        compare(text.cues, en.cues, "cue");
        compare(text.cautions, en.cautions, "caution");
        compare(text.contraindications, en.contraindications, "contraindication");
    }
}

std::optional<core::Exercise> ExerciseParser::parse(const XMLElement* root,
                                                    std::optional<std::string>& idOut) {
    core::Exercise ex;
    ex.path = m_xml.path();
    ex.line = root->GetLineNum();
    m_xml.checkAttributes(root, {"id", "format"});
    m_xml.checkChildren(
        root, {"source", "text", "classification", "dose", "bounds", "variants", "movement"});
    if (auto id = m_xml.requiredAttribute(root, "id")) {
        if (!isValidId(*id)) {
            m_xml.attributeError(
                root, "id", "'" + std::string(*id) + "' is not lower-case words joined by hyphens");
        } else {
            ex.id = *id;
            idOut = ex.id;
            const auto stem = std::filesystem::path(m_xml.path()).stem().string();
            if (stem != ex.id) {
                m_xml.warning(root->GetLineNum(),
                              "file name '" + stem + ".xml' does not match the id '" + ex.id + "'");
            }
        }
    }
    if (auto format = m_xml.intAttribute(
            root, "format", {std::numeric_limits<int>::min(), std::numeric_limits<int>::max()},
            true)) {
        if (*format < kOldestFormatVersion || *format > kFormatVersion) {
            m_xml.attributeError(root, "format",
                                 "version " + std::to_string(*format) +
                                     " is not supported (this Motus reads versions " +
                                     std::to_string(kOldestFormatVersion) + " to " +
                                     std::to_string(kFormatVersion) + ")");
        } else {
            ex.formatVersion = *format; // otherwise read as version 1, for its other errors
        }
    }
    if (const XMLElement* source = m_xml.single(root, "source", true)) {
        readSource(source, ex);
    }
    std::map<std::string, int> langLines;
    for (const XMLElement* text = root->FirstChildElement("text"); text != nullptr;
         text = text->NextSiblingElement("text")) {
        readText(text, ex, langLines);
    }
    if (root->FirstChildElement("text") != nullptr && langLines.count("en") == 0) {
        m_xml.error(root->GetLineNum(),
                    "<exercise>: missing required element <text xml:lang=\"en\">");
    } else if (root->FirstChildElement("text") == nullptr) {
        m_xml.error(root->GetLineNum(), "<exercise>: missing required element <text>");
    }
    if (const XMLElement* cls = m_xml.single(root, "classification", true)) {
        readClassification(cls, ex);
    }
    const XMLElement* dose = m_xml.single(root, "dose", true);
    if (dose != nullptr) {
        readDose(dose, ex);
    }
    if (const XMLElement* bounds = m_xml.single(root, "bounds", true); bounds && dose) {
        readBounds(bounds, ex);
    }
    if (const XMLElement* variants = m_xml.single(root, "variants", false)) {
        readVariants(variants, ex);
    }
    if (const XMLElement* movement = m_xml.single(root, "movement", true)) {
        if (ex.formatVersion >= 2) {
            readMovement2(movement, ex);
        } else {
            readMovement(movement, ex);
        }
    }
    checkTranslations(ex, langLines);
    if (m_xml.errorCount() > 0) {
        return std::nullopt;
    }
    return ex;
}

} // namespace

ParsedExercise parseExercise(std::string_view text, const std::string& path) {
    ParsedExercise result;
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    const XMLElement* root = parseDocument(doc, text, path, kMaxExerciseFileBytes, kMaxElementDepth,
                                           "exercise", result.diagnostics);
    if (root == nullptr) {
        return result;
    }
    ExerciseParser parser(path, result.diagnostics);
    result.exercise = parser.parse(root, result.id);
    return result;
}

ParsedExercise loadExerciseFile(const std::filesystem::path& file) {
    ParsedExercise result;
    const auto text = readFileCapped(file, kMaxExerciseFileBytes, result.diagnostics);
    if (!text) {
        return result;
    }
    return parseExercise(*text, file.string());
}

std::vector<std::pair<core::View, core::Pose>>
readPosesForInspection(const std::filesystem::path& file) {
    std::vector<std::pair<core::View, core::Pose>> poses;
    std::vector<Diagnostic> ignored; // loadExerciseFile reports them
    const auto text = readFileCapped(file, kMaxExerciseFileBytes, ignored);
    tinyxml2::XMLDocument doc;
    if (!text || doc.Parse(text->data(), text->size()) != tinyxml2::XML_SUCCESS ||
        !doc.RootElement()) {
        return poses;
    }
    const XMLElement* movement = doc.RootElement()->FirstChildElement("movement");
    if (movement == nullptr) {
        return poses;
    }
    const auto view = core::parseEnum<core::View>(movement->Attribute("view") != nullptr
                                                      ? movement->Attribute("view")
                                                      : "side")
                          .value_or(core::View::Side);
    for (const XMLElement* el = movement->FirstChildElement("pose"); el != nullptr;
         el = el->NextSiblingElement("pose")) {
        core::Pose pose;
        pose.id = el->Attribute("id") != nullptr ? el->Attribute("id") : "?";
        for (const auto* attr = el->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
            const std::string_view name = attr->Name();
            if (name == "orientation") {
                pose.orientation = parseReal(attr->Value()).value_or(0.0);
            } else if (name == "contacts") {
                for (const auto& word : splitWords(attr->Value())) {
                    if (auto segment = core::parseSegment(word)) {
                        pose.contacts.push_back(*segment);
                    }
                }
            } else if (auto joint = core::parseJoint(name)) {
                pose.angles[static_cast<std::size_t>(*joint)] =
                    parseReal(attr->Value()).value_or(0.0);
            }
        }
        poses.emplace_back(view, std::move(pose));
    }
    return poses;
}

std::vector<std::filesystem::path>
collectExerciseFiles(const std::vector<std::filesystem::path>& paths,
                     std::vector<Diagnostic>& diagnostics, bool enterProgramFolders) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        const FileStatus status = fileStatus(path);
        if (status.kind == FileKind::Regular) {
            files.push_back(path);
            continue;
        }
        if (status.kind == FileKind::Missing) {
            diagnostics.push_back(
                {Diagnostic::Severity::Error, path.string(), 0, "no such file or folder"});
            continue;
        }
        if (status.kind != FileKind::Folder) {
            diagnostics.push_back(
                {Diagnostic::Severity::Error, path.string(), 0,
                 "cannot read it: " + describeFileStatus(status) +
                     (status.kind == FileKind::Unreadable ? std::string()
                                                          : ", not a file or folder")});
            continue;
        }
        // Each entry is looked at with stat (never opened): a folder is entered (links to
        // folders are not followed), a regular *.xml file is kept, and anything else that
        // cannot be read as either (a link that loops or leads nowhere, a FIFO, a socket, a
        // device) is skipped with a warning. Other regular files are ignored.
        std::vector<fs::path> found;
        std::error_code ec;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied,
                                            ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const FileStatus entry = fileStatus(it->path());
            switch (entry.kind) {
            case FileKind::Folder:
                if (!enterProgramFolders && it->path().filename() == "programs") {
                    it.disable_recursion_pending();
                }
                break;
            case FileKind::Regular:
                if (it->path().extension() == ".xml") {
                    found.push_back(it->path());
                }
                break;
            case FileKind::Missing: // removed while the folder was read
                break;
            default:
                diagnostics.push_back(
                    {Diagnostic::Severity::Warning, it->path().string(), 0,
                     "skipped: " + describeFileStatus(entry) +
                         (entry.kind == FileKind::Unreadable ? std::string()
                                                             : ", not a regular file or folder")});
                break;
            }
        }
        if (ec) {
            diagnostics.push_back({Diagnostic::Severity::Error, path.string(), 0,
                                   "cannot read the folder: " + ec.message()});
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

namespace {

// Leaves out a link to an exercise that was skipped, with a warning on the linking file.
void dropLink(core::Exercise& ex, std::optional<std::string>& variant,
              std::vector<Diagnostic>& diagnostics) {
    const char* name = &variant == &ex.progression ? "progression" : "regression";
    diagnostics.push_back({Diagnostic::Severity::Warning, ex.path, ex.variantsLine,
                           std::string("<variants> attribute '") + name + "': '" + *variant +
                               "' was skipped because of its errors; the link is left out"});
    variant.reset();
}

} // namespace

void checkAcrossFiles(std::vector<core::Exercise>& exercises,
                      const std::vector<const core::Exercise*>& context,
                      const std::vector<std::string>& idsOfBrokenFiles,
                      std::vector<Diagnostic>& diagnostics, std::vector<std::string>& skipped) {
    // Ids in the files checked must be unique among themselves; the context only resolves
    // references.
    std::map<std::string, const core::Exercise*, std::less<>> byId;
    std::set<const core::Exercise*> rejected;
    auto error = [&](const core::Exercise& ex, int line, std::string message) {
        diagnostics.push_back({Diagnostic::Severity::Error, ex.path, line, std::move(message)});
        rejected.insert(&ex);
    };
    for (const auto& ex : exercises) {
        auto [it, inserted] = byId.emplace(ex.id, &ex);
        if (!inserted) {
            error(ex, ex.line,
                  "<exercise> attribute 'id': '" + ex.id + "' is already defined at " +
                      it->second->path + ":" + std::to_string(it->second->line));
        }
    }
    for (const auto* known : context) {
        byId.emplace(known->id, known);
    }
    const std::set<std::string, std::less<>> broken(idsOfBrokenFiles.begin(),
                                                    idsOfBrokenFiles.end());
    for (auto& ex : exercises) {
        for (auto* variant : {&ex.progression, &ex.regression}) {
            if (!*variant || byId.count(**variant) > 0) {
                continue;
            }
            const char* name = variant == &ex.progression ? "progression" : "regression";
            if (broken.count(**variant) > 0) {
                dropLink(ex, *variant, diagnostics);
            } else {
                error(ex, ex.variantsLine,
                      std::string("<variants> attribute '") + name + "': unknown exercise '" +
                          **variant + "'");
            }
        }
    }
    // A progression chain must end: follow it from each exercise and stop at a repeat.
    for (const auto& ex : exercises) {
        if (rejected.count(&ex) > 0 || !ex.progression) {
            continue;
        }
        std::vector<std::string> chain{ex.id};
        const core::Exercise* at = &ex;
        while (at->progression) {
            auto next = byId.find(*at->progression);
            if (next == byId.end()) {
                break;
            }
            at = next->second;
            if (std::find(chain.begin(), chain.end(), at->id) != chain.end()) {
                if (at->id == ex.id) {
                    std::string text;
                    for (const auto& id : chain) {
                        text += id + " -> ";
                    }
                    error(ex, ex.variantsLine,
                          "<variants> attribute 'progression': the progression chain returns "
                          "to '" +
                              ex.id + "' (" + text + ex.id + ")");
                }
                break;
            }
            chain.push_back(at->id);
        }
    }
    if (rejected.empty()) {
        return;
    }
    // Links to an exercise rejected here are dropped, as for a file skipped for its own errors.
    std::set<std::string, std::less<>> available;
    for (const auto* known : context) {
        available.insert(known->id);
    }
    for (const auto& ex : exercises) {
        if (rejected.count(&ex) == 0) {
            available.insert(ex.id);
        }
    }
    for (auto& ex : exercises) {
        if (rejected.count(&ex) > 0) {
            continue;
        }
        for (auto* variant : {&ex.progression, &ex.regression}) {
            if (*variant && available.count(**variant) == 0) {
                dropLink(ex, *variant, diagnostics);
            }
        }
    }
    if (rejected.empty()) {
        return;
    }
    std::vector<core::Exercise> kept;
    kept.reserve(exercises.size());
    for (auto& ex : exercises) {
        if (rejected.count(&ex) > 0) {
            skipped.push_back(ex.path);
        } else {
            kept.push_back(std::move(ex));
        }
    }
    exercises = std::move(kept);
}

std::vector<ParsedExercise> loadExerciseFiles(const std::vector<std::filesystem::path>& files) {
    std::vector<ParsedExercise> parsed(files.size());
    // Each file is read and parsed on its own, so the files are shared out among a few threads
    // (a start reads the whole library); the results keep the files' order.
    const std::size_t threads = std::min<std::size_t>(
        {std::max(1U, std::thread::hardware_concurrency()), 8, (files.size() + 15) / 16});
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            parsed[i] = loadExerciseFile(files[i]);
        }
    };
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t) {
        helpers.emplace_back(work);
    }
    work();
    for (auto& helper : helpers) {
        helper.join();
    }
    return parsed;
}

LibraryLoad loadLibrary(const std::vector<std::filesystem::path>& paths,
                        const core::Library* context) {
    LibraryLoad load;
    std::vector<core::Exercise> exercises;
    std::vector<std::string> brokenIds;
    const auto files = collectExerciseFiles(paths, load.diagnostics);
    exercises.reserve(files.size());
    std::vector<const core::Exercise*> known;
    if (context != nullptr) {
        std::set<std::filesystem::path> checked;
        for (const auto& file : files) {
            std::error_code ec;
            checked.insert(std::filesystem::weakly_canonical(file, ec));
        }
        for (const auto& ex : context->all()) {
            std::error_code ec;
            if (checked.count(std::filesystem::weakly_canonical(ex.path, ec)) == 0) {
                known.push_back(&ex);
            }
        }
    }
    for (auto& parsed : loadExerciseFiles(files)) {
        const auto& file = files[load.filesRead];
        ++load.filesRead;
        load.diagnostics.insert(load.diagnostics.end(), parsed.diagnostics.begin(),
                                parsed.diagnostics.end());
        if (parsed.exercise) {
            exercises.push_back(std::move(*parsed.exercise));
        } else {
            load.skipped.push_back(file.string());
            if (parsed.id) {
                brokenIds.push_back(*parsed.id);
            }
        }
    }
    checkAcrossFiles(exercises, known, brokenIds, load.diagnostics, load.skipped);
    load.library = core::Library(std::move(exercises));
    return load;
}

} // namespace motus::content
