package dev.prostvsco;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * What the runtime knows of one message type: its field table and a visit of its fields in
 * field-number order. The plugin generates one per message; the well-known types have theirs
 * in {@link WellKnownTypes}.
 */
public abstract class MessageAdapter<M> {
  /** The full proto name, {@code telemetry.v1.Event}. */
  public final String fullName;
  /** The fields in number order. */
  public final FieldInfo[] fields;

  private final String eventName;

  protected MessageAdapter(String fullName, FieldInfo[] fields) {
    this(fullName, fields, null);
  }

  /** An adapter of an event message: {@code eventName} names its events. */
  protected MessageAdapter(String fullName, FieldInfo[] fields, String eventName) {
    this.fullName = fullName;
    this.fields = fields;
    this.eventName = eventName;
  }

  /** The event name of an event message ({@code event_name}), or {@code null}. */
  public final String eventName() {
    return eventName;
  }

  /**
   * Calls {@code visitor} once per field in number order: fields that are set, and with {@code
   * withDefaults} also the fields without presence that hold their default.
   */
  public abstract void visit(M message, FieldVisitor visitor, boolean withDefaults);

  /** Decodes a message of this type (for {@code Any}). */
  public abstract M parse(ByteString bytes) throws InvalidProtocolBufferException;

  final Object parseObject(ByteString bytes) throws InvalidProtocolBufferException {
    return parse(bytes);
  }

  /** {@link #visit} of an element whose type the caller knows only from this adapter. */
  @SuppressWarnings("unchecked")
  final void visitObject(Object message, FieldVisitor visitor, boolean withDefaults) {
    visit((M) message, visitor, withDefaults);
  }

  /** The well-known type this adapter reads, or {@code null} for any other message. */
  public WellKnown wellKnown() {
    return null;
  }
}
