package dev.prostvsco;

import java.util.HashMap;
import java.util.Map;

/**
 * The message types an {@code Any} may hold, by full name. The well-known types are always
 * known; add generated adapters for the rest.
 */
public final class TypeRegistry {
  /** Only the well-known types. */
  public static final TypeRegistry EMPTY = new TypeRegistry(new HashMap<>());

  private final Map<String, MessageAdapter<?>> adapters;

  private TypeRegistry(Map<String, MessageAdapter<?>> adapters) {
    this.adapters = adapters;
  }

  /** A registry with {@code adapters} added to this one's. */
  public TypeRegistry with(MessageAdapter<?>... more) {
    Map<String, MessageAdapter<?>> copy = new HashMap<>(adapters);
    for (MessageAdapter<?> a : more) {
      copy.put(a.fullName, a);
    }
    return new TypeRegistry(copy);
  }

  MessageAdapter<?> adapter(String fullName) {
    MessageAdapter<?> a = adapters.get(fullName);
    return a != null ? a : WellKnownTypes.byName(fullName);
  }
}
