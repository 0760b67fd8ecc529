package dev.prostvsco;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;

/**
 * Adapters of the {@code google.protobuf} types protobuf-javalite ships, for generated
 * adapters whose fields hold them.
 */
public final class WellKnownTypes {
  private WellKnownTypes() {}

  private static FieldInfo implicit(String name, String json, int number, Kind kind) {
    return FieldInfo.of(name, json, number, kind, Cardinality.IMPLICIT);
  }

  private static FieldInfo member(String name, String json, int number, Kind kind) {
    return FieldInfo.of(name, json, number, kind, Cardinality.OPTIONAL);
  }

  /** An adapter that says which well-known type it reads. */
  private abstract static class Wkt<M> extends MessageAdapter<M> {
    private final WellKnown kind;

    Wkt(String name, WellKnown kind, FieldInfo... fields) {
      super("google.protobuf." + name, fields);
      this.kind = kind;
    }

    @Override
    public WellKnown wellKnown() {
      return kind;
    }
  }

  public static final EnumInfo NULL_VALUE =
      new EnumInfo("google.protobuf.NullValue", new int[] {0}, new String[] {"NULL_VALUE"});

  public static final MessageAdapter<Timestamp> TIMESTAMP =
      new Wkt<Timestamp>(
          "Timestamp",
          WellKnown.TIMESTAMP,
          implicit("seconds", "seconds", 1, Kind.INT64),
          implicit("nanos", "nanos", 2, Kind.INT32)) {
        @Override
        public Timestamp parse(ByteString b) throws InvalidProtocolBufferException {
          return Timestamp.parseFrom(b);
        }

        @Override
        public void visit(Timestamp m, FieldVisitor v, boolean all) {
          if (all || m.getSeconds() != 0) v.int64(fields[0], m.getSeconds());
          if (all || m.getNanos() != 0) v.int32(fields[1], m.getNanos());
        }
      };

  public static final MessageAdapter<Duration> DURATION =
      new Wkt<Duration>(
          "Duration",
          WellKnown.DURATION,
          implicit("seconds", "seconds", 1, Kind.INT64),
          implicit("nanos", "nanos", 2, Kind.INT32)) {
        @Override
        public Duration parse(ByteString b) throws InvalidProtocolBufferException {
          return Duration.parseFrom(b);
        }

        @Override
        public void visit(Duration m, FieldVisitor v, boolean all) {
          if (all || m.getSeconds() != 0) v.int64(fields[0], m.getSeconds());
          if (all || m.getNanos() != 0) v.int32(fields[1], m.getNanos());
        }
      };

  public static final MessageAdapter<Empty> EMPTY =
      new Wkt<Empty>("Empty", WellKnown.EMPTY) {
        @Override
        public Empty parse(ByteString b) throws InvalidProtocolBufferException {
          return Empty.parseFrom(b);
        }

        @Override
        public void visit(Empty m, FieldVisitor v, boolean all) {}
      };

  public static final MessageAdapter<FieldMask> FIELD_MASK =
      new Wkt<FieldMask>(
          "FieldMask",
          WellKnown.FIELD_MASK,
          FieldInfo.of("paths", "paths", 1, Kind.STRING, Cardinality.REPEATED)) {
        @Override
        public FieldMask parse(ByteString b) throws InvalidProtocolBufferException {
          return FieldMask.parseFrom(b);
        }

        @Override
        public void visit(FieldMask m, FieldVisitor v, boolean all) {
          if (all || m.getPathsCount() != 0) v.list(fields[0], m.getPathsList(), null);
        }
      };

  public static final MessageAdapter<Any> ANY =
      new Wkt<Any>(
          "Any",
          WellKnown.ANY,
          implicit("type_url", "typeUrl", 1, Kind.STRING),
          implicit("value", "value", 2, Kind.BYTES)) {
        @Override
        public Any parse(ByteString b) throws InvalidProtocolBufferException {
          return Any.parseFrom(b);
        }

        @Override
        public void visit(Any m, FieldVisitor v, boolean all) {
          if (all || !m.getTypeUrl().isEmpty()) v.string(fields[0], m.getTypeUrl());
          if (all || !m.getValue().isEmpty()) v.bytes(fields[1], m.getValue());
        }
      };

  public static final MessageAdapter<Struct> STRUCT =
      new Wkt<Struct>(
          "Struct",
          WellKnown.STRUCT,
          FieldInfo.map("fields", "fields", 1, Kind.STRING, Kind.MESSAGE)) {
        @Override
        public Struct parse(ByteString b) throws InvalidProtocolBufferException {
          return Struct.parseFrom(b);
        }

        @Override
        public void visit(Struct m, FieldVisitor v, boolean all) {
          if (all || m.getFieldsCount() != 0) v.map(fields[0], m.getFieldsMap(), VALUE);
        }
      };

  public static final MessageAdapter<ListValue> LIST_VALUE =
      new Wkt<ListValue>(
          "ListValue",
          WellKnown.LIST_VALUE,
          FieldInfo.of("values", "values", 1, Kind.MESSAGE, Cardinality.REPEATED)) {
        @Override
        public ListValue parse(ByteString b) throws InvalidProtocolBufferException {
          return ListValue.parseFrom(b);
        }

        @Override
        public void visit(ListValue m, FieldVisitor v, boolean all) {
          if (all || m.getValuesCount() != 0) v.list(fields[0], m.getValuesList(), VALUE);
        }
      };

  public static final MessageAdapter<Value> VALUE =
      new Wkt<Value>(
          "Value",
          WellKnown.VALUE,
          member("null_value", "nullValue", 1, Kind.ENUM).enumType(NULL_VALUE),
          member("number_value", "numberValue", 2, Kind.DOUBLE),
          member("string_value", "stringValue", 3, Kind.STRING),
          member("bool_value", "boolValue", 4, Kind.BOOL),
          member("struct_value", "structValue", 5, Kind.MESSAGE),
          member("list_value", "listValue", 6, Kind.MESSAGE)) {
        @Override
        public Value parse(ByteString b) throws InvalidProtocolBufferException {
          return Value.parseFrom(b);
        }

        @Override
        public void visit(Value m, FieldVisitor v, boolean all) {
          switch (m.getKindCase()) {
            case NULL_VALUE:
              v.enumValue(fields[0], m.getNullValueValue());
              break;
            case NUMBER_VALUE:
              v.float64(fields[1], m.getNumberValue());
              break;
            case STRING_VALUE:
              v.string(fields[2], m.getStringValue());
              break;
            case BOOL_VALUE:
              v.bool(fields[3], m.getBoolValue());
              break;
            case STRUCT_VALUE:
              v.message(fields[4], m.getStructValue(), STRUCT);
              break;
            case LIST_VALUE:
              v.message(fields[5], m.getListValue(), LIST_VALUE);
              break;
            default:
              break;
          }
        }
      };

  private static FieldInfo wrapped(Kind kind) {
    return implicit("value", "value", 1, kind);
  }

  public static final MessageAdapter<DoubleValue> DOUBLE_VALUE =
      new Wkt<DoubleValue>("DoubleValue", WellKnown.WRAPPER, wrapped(Kind.DOUBLE)) {
        @Override
        public DoubleValue parse(ByteString b) throws InvalidProtocolBufferException {
          return DoubleValue.parseFrom(b);
        }

        @Override
        public void visit(DoubleValue m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.float64(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<FloatValue> FLOAT_VALUE =
      new Wkt<FloatValue>("FloatValue", WellKnown.WRAPPER, wrapped(Kind.FLOAT)) {
        @Override
        public FloatValue parse(ByteString b) throws InvalidProtocolBufferException {
          return FloatValue.parseFrom(b);
        }

        @Override
        public void visit(FloatValue m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.float32(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<Int64Value> INT64_VALUE =
      new Wkt<Int64Value>("Int64Value", WellKnown.WRAPPER, wrapped(Kind.INT64)) {
        @Override
        public Int64Value parse(ByteString b) throws InvalidProtocolBufferException {
          return Int64Value.parseFrom(b);
        }

        @Override
        public void visit(Int64Value m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.int64(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<UInt64Value> UINT64_VALUE =
      new Wkt<UInt64Value>("UInt64Value", WellKnown.WRAPPER, wrapped(Kind.UINT64)) {
        @Override
        public UInt64Value parse(ByteString b) throws InvalidProtocolBufferException {
          return UInt64Value.parseFrom(b);
        }

        @Override
        public void visit(UInt64Value m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.uint64(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<Int32Value> INT32_VALUE =
      new Wkt<Int32Value>("Int32Value", WellKnown.WRAPPER, wrapped(Kind.INT32)) {
        @Override
        public Int32Value parse(ByteString b) throws InvalidProtocolBufferException {
          return Int32Value.parseFrom(b);
        }

        @Override
        public void visit(Int32Value m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.int32(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<UInt32Value> UINT32_VALUE =
      new Wkt<UInt32Value>("UInt32Value", WellKnown.WRAPPER, wrapped(Kind.UINT32)) {
        @Override
        public UInt32Value parse(ByteString b) throws InvalidProtocolBufferException {
          return UInt32Value.parseFrom(b);
        }

        @Override
        public void visit(UInt32Value m, FieldVisitor v, boolean all) {
          if (all || m.getValue() != 0) v.uint32(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<BoolValue> BOOL_VALUE =
      new Wkt<BoolValue>("BoolValue", WellKnown.WRAPPER, wrapped(Kind.BOOL)) {
        @Override
        public BoolValue parse(ByteString b) throws InvalidProtocolBufferException {
          return BoolValue.parseFrom(b);
        }

        @Override
        public void visit(BoolValue m, FieldVisitor v, boolean all) {
          if (all || m.getValue()) v.bool(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<StringValue> STRING_VALUE =
      new Wkt<StringValue>("StringValue", WellKnown.WRAPPER, wrapped(Kind.STRING)) {
        @Override
        public StringValue parse(ByteString b) throws InvalidProtocolBufferException {
          return StringValue.parseFrom(b);
        }

        @Override
        public void visit(StringValue m, FieldVisitor v, boolean all) {
          if (all || !m.getValue().isEmpty()) v.string(fields[0], m.getValue());
        }
      };

  public static final MessageAdapter<BytesValue> BYTES_VALUE =
      new Wkt<BytesValue>("BytesValue", WellKnown.WRAPPER, wrapped(Kind.BYTES)) {
        @Override
        public BytesValue parse(ByteString b) throws InvalidProtocolBufferException {
          return BytesValue.parseFrom(b);
        }

        @Override
        public void visit(BytesValue m, FieldVisitor v, boolean all) {
          if (all || !m.getValue().isEmpty()) v.bytes(fields[0], m.getValue());
        }
      };

  private static final MessageAdapter<?>[] ALL = {
    TIMESTAMP, DURATION, EMPTY, FIELD_MASK, ANY, STRUCT, LIST_VALUE, VALUE, DOUBLE_VALUE,
    FLOAT_VALUE, INT64_VALUE, UINT64_VALUE, INT32_VALUE, UINT32_VALUE, BOOL_VALUE, STRING_VALUE,
    BYTES_VALUE
  };

  /** The adapter of the well-known type {@code fullName}, or {@code null}. */
  public static MessageAdapter<?> byName(String fullName) {
    for (MessageAdapter<?> a : ALL) {
      if (a.fullName.equals(fullName)) {
        return a;
      }
    }
    return null;
  }
}
