package dev.fabric.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The two mappers of the module: JSON (history lines, results) and YAML (schedules). Polymorphic
 * records name their subtypes explicitly ({@code @JsonSubTypes}); default typing is never on.
 */
public final class Json {
  private Json() {}

  public static final ObjectMapper JSON = configure(new ObjectMapper());

  public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

  private static ObjectMapper configure(ObjectMapper m) {
    m.registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
    m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return m;
  }
}
