#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace motus::cli {

// A small streaming JSON writer: values are appended in order, commas and nesting are tracked.
class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(long number);
    JsonWriter& value(int number) { return value(static_cast<long>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // Writes already-formed JSON text (e.g. an object stored as JSON) as one value.
    JsonWriter& rawValue(std::string_view json);
    JsonWriter& stringArray(const std::vector<std::string>& items);

    [[nodiscard]] const std::string& str() const { return m_out; }

private:
    void separate();
    std::string m_out;
    std::vector<bool> m_hasItem; // per open container
    bool m_afterKey = false;
};

[[nodiscard]] std::string jsonEscape(std::string_view text);

} // namespace motus::cli
