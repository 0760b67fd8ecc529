package dev.prostvsco.bench;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer of the generated {@code asMap}: the map an app without this plugin builds with
 * protobuf-java's reflection. Set fields of {@link Message#getAllFields()} (field-number
 * order) keyed by JSON name; nested messages as maps, repeated fields as lists, map fields
 * (which reflection gives as lists of entry messages) as maps, enums as their names.
 */
final class ReflectiveMap {
  private ReflectiveMap() {}

  static Map<String, Object> of(Message message) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      Object value = e.getValue();
      if (field.isMapField()) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Object entry : (List<?>) value) {
          Message m = (Message) entry;
          map.put(
              single(keyField, m.getField(keyField)), single(valueField, m.getField(valueField)));
        }
        out.put(field.getJsonName(), map);
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) value;
        List<Object> list = new ArrayList<>(values.size());
        for (Object v : values) {
          list.add(single(field, v));
        }
        out.put(field.getJsonName(), list);
      } else {
        out.put(field.getJsonName(), single(field, value));
      }
    }
    return out;
  }

  private static Object single(FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case MESSAGE:
        return of((Message) value);
      case ENUM:
        return ((EnumValueDescriptor) value).getName();
      default:
        return value;
    }
  }
}
