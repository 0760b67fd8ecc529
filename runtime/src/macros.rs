//! `reflect!`: the `Reflect` and `Element` impls of one message, from a compact field list.
//!
//! Generated code invokes it once per message, one line per field:
//!
//! ```text
//! ::prost_vsco::reflect!(self::Event {
//!     0 "id" => scalar(id);
//!     2 "sent_at" | "sentAt" => message(sent_at);
//!     17 "screen_view" | "screenView" => member_message(body, self::event::Body::ScreenView);
//! });
//! ```
//!
//! Each line is `index "proto_name" | "json_name" => kind(arguments);` where the index is
//! into the message's `MessageMeta::INFO.fields` and the lines come in field-number order (the
//! order `for_each_field` visits). The kind says how prost stores the field:
//!
//! | kind | prost storage |
//! |---|---|
//! | `scalar(f)` | `T`, proto3 implicit presence |
//! | `required(f)` | `T`, a proto2 `required` scalar (cleared to its declared default) |
//! | `optional(f)` | `Option<T>`, a scalar with explicit presence |
//! | `message(f)` | `Option<M>` or `Option<Box<M>>` |
//! | `required_message(f)` | `M`, a proto2 `required` message |
//! | `list(f)` | `Vec<T>` |
//! | `map(f)` | `HashMap<K, V>` or `BTreeMap<K, V>` |
//! | `member(f, path::Variant)` | a oneof member holding a scalar |
//! | `member_message(f, path::Variant)` | a oneof member holding a message |
//!
//! **What is compiled where.** A crate that turns a message into `&dyn Reflect` compiles
//! the message's vtable, and with it a copy of every `#[inline]` method in it; a method that
//! makes a `Value` of a nested message makes that message's vtable, and so on through every
//! message it reaches. So the methods that do (`get_at`, `set_at`, `mut_at`, ...) are out of
//! line, compiled once with the message; messages become trait objects only through
//! `as_dyn`/`as_dyn_mut`, `#[inline(never)]`; and the inline fast paths (`lookup`,
//! `set_value`, `set_from_at`) handle scalars and messages in place but hand lists and maps
//! (whose containers' vtables would bring their element types' along) to `get_at` and
//! `set_at`. A crate that decodes and encodes the example's `EventBatch` then compiles two
//! copies of five small methods, not the reflection of all 28 messages (0.3 s against 3.7 s
//! in release), and the schema crate builds in 4.6 s instead of 7.4 s.
//!
//! With attributes before the type (`reflect!(#[inline] self::Event { ... })`, the plugin's
//! `defer_codegen`), the methods not already `#[inline]` get them: with every method
//! `#[inline]`, the crate holding the schema compiles none of them, and each crate that
//! calls them compiles the ones it reaches.
//!
//! Flags after the field list (`} vendor_tables vendor_fields);`) add the vendor walk's
//! methods; see `__reflect_vendor`.
//!
//! The per-method helpers receive `self` and the other bindings as tokens, so that macro
//! hygiene keeps them the same variables as the method's parameters.

/// The `Reflect` and `Element` impls of one message; see the module documentation.
#[macro_export]
macro_rules! reflect {
    ($(#[$attr:meta])* $ty:ty { $( $i:literal $name:literal $( | $json:literal )? => $kind:ident ( $($args:tt)* ) ; )* } $( $vendor:ident )*) => {
        impl $crate::Reflect for $ty {
            $crate::__reflect_vendor!([$($vendor)*] [$(#[$attr])*] { $( $i $kind($($args)*); )* });

            #[inline]
            fn info(&self) -> &'static $crate::MessageInfo {
                <Self as $crate::MessageMeta>::INFO
            }

            $crate::__reflect_as_dyn!([$(#[$attr])*]);

            #[inline(always)]
            fn field_index(&self, key: &str) -> ::core::option::Option<usize> {
                match key {
                    $( $name $( | $json )? => ::core::option::Option::Some($i), )*
                    _ => ::core::option::Option::None,
                }
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn get_at(&self, index: usize) -> ::core::option::Option<$crate::Value<'_>> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_get!(self, &f[$i], $kind($($args)*)), )*
                    _ => ::core::option::Option::None,
                }
            }

            /// `get_at` after the key `match`, inline for scalar fields; messages, lists and
            /// maps call `get_at` (see the module documentation).
            #[inline(always)]
            #[allow(unused_variables)]
            fn lookup(&self, key: &str) -> ::core::option::Option<::core::option::Option<$crate::Value<'_>>> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                ::core::option::Option::Some(match self.field_index(key)? {
                    $( $i => $crate::__reflect_get_inline!(self, $i, &f[$i], $kind($($args)*)), )*
                    _ => ::core::option::Option::None,
                })
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn set_at(
                &mut self,
                index: usize,
                value: $crate::OwnedValue,
            ) -> ::core::result::Result<(), $crate::ValueError> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_set!(self, value, &f[$i], $kind($($args)*)), )*
                    _ => ::core::result::Result::Err($crate::codegen::no_field(index)),
                }
            }

            /// What the trait's `set_value` does, with each field returning on success: only
            /// the errors meet after the `match`, so a successful set does not pass a
            /// `Result<(), ValueError>` (48 bytes) through memory to a common exit. Scalar
            /// fields are stored inline; messages, lists and maps call `set_at`.
            #[inline]
            #[allow(unused_variables, unreachable_code)]
            fn set_value(
                &mut self,
                key: &str,
                value: $crate::OwnedValue,
            ) -> ::core::result::Result<(), $crate::ReflectError> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                let error = match self.field_index(key) {
                    $( ::core::option::Option::Some($i) => {
                        match $crate::__reflect_set_inline!(self, value, $i, &f[$i], $kind($($args)*)) {
                            ::core::result::Result::Ok(()) => return ::core::result::Result::Ok(()),
                            ::core::result::Result::Err(e) => e,
                        }
                    } )*
                    _ => return ::core::result::Result::Err($crate::codegen::unknown_key(<Self as $crate::MessageMeta>::INFO, key)),
                };
                ::core::result::Result::Err($crate::codegen::set_failed(<Self as $crate::MessageMeta>::INFO, key, error))
            }

            #[inline(always)]
            #[allow(unused_variables)]
            fn set_from_at(
                &mut self,
                index: usize,
                value: &$crate::Value<'_>,
            ) -> ::core::result::Result<(), $crate::ValueError> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_set_from!(self, value, $i, &f[$i], $kind($($args)*)), )*
                    _ => ::core::result::Result::Err($crate::codegen::no_field(index)),
                }
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn clear_at(&mut self, index: usize) {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_clear!(self, &f[$i], $kind($($args)*)), )*
                    _ => {}
                }
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn mut_at(&mut self, index: usize) -> ::core::option::Option<$crate::ValueMut<'_>> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_mut!(self, &f[$i], $kind($($args)*)), )*
                    _ => ::core::option::Option::None,
                }
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn message_default(&self, index: usize) -> ::core::option::Option<$crate::Value<'static>> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_default!(self, &f[$i], $kind($($args)*)), )*
                    _ => ::core::option::Option::None,
                }
            }

            $(#[$attr])*
            fn for_each_field(
                &self,
                visit: &mut dyn FnMut(&'static $crate::FieldInfo, &$crate::Value<'_>),
            ) {
                self.visit_fields(visit)
            }

            #[inline]
            #[allow(unused_variables, unused_mut)]
            fn visit_fields<F>(&self, mut visit: F)
            where
                F: FnMut(&'static $crate::FieldInfo, &$crate::Value<'_>),
            {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                $(
                    if let ::core::option::Option::Some(v) = $crate::__reflect_present!(self, &f[$i], $kind($($args)*)) {
                        visit(&f[$i], &v);
                    }
                )*
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn read_json_field(
                &mut self,
                index: usize,
                d: &mut $crate::json::Decoder<'_, '_>,
                depth: usize,
            ) -> ::core::result::Result<bool, $crate::json::JsonError> {
                if $crate::codegen::json::at_null(d)? {
                    return $crate::codegen::json::read_dyn(self, index, d, depth);
                }
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                match index {
                    $( $i => $crate::__reflect_read!(self, d, depth, &f[$i], $kind($($args)*)), )*
                    _ => $crate::codegen::json::read_dyn(self, index, d, depth),
                }
            }

            $(#[$attr])*
            #[allow(unused_variables, unused_mut, unused_assignments)]
            fn fields_from<'a>(
                &'a self,
                from: usize,
                out: &mut $crate::FieldBatch<'a>,
            ) -> usize {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                let out = &mut out.fill();
                let mut pos = 0usize;
                $(
                    if pos >= from
                        && let ::core::option::Option::Some(v) = $crate::__reflect_present!(self, &f[$i], $kind($($args)*))
                        && out.push(&f[$i], v)
                    {
                        return pos + 1;
                    }
                    pos += 1;
                )*
                usize::MAX
            }

            $(#[$attr])*
            #[allow(unused_variables)]
            fn write_json_fields(
                &self,
                e: &mut $crate::json::Encoder<'_>,
                depth: usize,
                first: &mut bool,
            ) -> ::core::result::Result<(), $crate::json::JsonError> {
                let f = <Self as $crate::MessageMeta>::INFO.fields;
                $( $crate::__reflect_json!(self, e, depth, first, &f[$i], $kind($($args)*)); )*
                ::core::result::Result::Ok(())
            }
        }
        $crate::impl_message_element!($(#[$attr])* $ty);
    };
}

/// `as_dyn` and `as_dyn_mut`: out of line (`#[inline(never)]`, or rustc would inline such
/// small functions into other crates anyway), so that the message's vtable is compiled with
/// the message; with `defer_codegen`'s attributes, where the message's crate compiles nothing.
#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_as_dyn {
    ([]) => {
        $crate::__reflect_as_dyn!([#[inline(never)]]);
    };
    ([$($attr:tt)*]) => {
        $($attr)*
        fn as_dyn(&self) -> &dyn $crate::Reflect {
            self
        }

        $($attr)*
        fn as_dyn_mut(&mut self) -> &mut dyn $crate::Reflect {
            self
        }
    };
}

/// The vendor flags after the field list (`vendors=`):
///
/// - `vendor_tables` (event roots): `vendor_table` returns the message's
///   [`VendorTables`](crate::vendor::VendorTables);
/// - `vendor_fields` (every message an event reaches): `vendor_fields` hands the walk each
///   present field read in place, out of line like `get_at` (compiled with the message).
///   Each value goes to the walk's method for its kind (`FieldVisit::field` picks it at
///   compile time): Firebase properties of the benchmark event took 1357 -> 1248 ns
///   against 741-756 for the hand-written floor, and with static keys only 541 -> 429 ns
///   (bench vendor, quick runs), where the walk read batches from `fields_from`.
#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_vendor {
    ([] $attrs:tt $fields:tt) => {};
    ([vendor_tables $($rest:ident)*] $attrs:tt $fields:tt) => {
        #[inline]
        fn vendor_table(
            &self,
            profile: $crate::vendor::Builtin,
        ) -> ::core::option::Option<&'static $crate::vendor::VendorTable> {
            <Self as $crate::vendor::VendorTables>::vendor_table(profile)
        }

        $crate::__reflect_vendor!([$($rest)*] $attrs $fields);
    };
    ([vendor_fields $($rest:ident)*] [$(#[$attr:meta])*] { $( $i:literal $kind:ident ( $($args:tt)* ) ; )* }) => {
        $(#[$attr])*
        #[allow(unused_variables)]
        fn vendor_fields<'a>(
            &'a self,
            visit: &mut $crate::vendor::FieldVisit<'_, '_, 'a>,
        ) -> ::core::result::Result<bool, $crate::vendor::Halt> {
            let f = <Self as $crate::MessageMeta>::INFO.fields;
            $(
                if let ::core::option::Option::Some(v) = $crate::__reflect_present!(self, &f[$i], $kind($($args)*)) {
                    visit.field($i, &f[$i], v)?;
                }
            )*
            ::core::result::Result::Ok(true)
        }

        $crate::__reflect_vendor!([$($rest)*] [$(#[$attr])*] { $( $i $kind($($args)*); )* });
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_get {
    ($s:tt, $f:expr, scalar($slot:ident)) => {
        $crate::codegen::get(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::get(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, required_message($slot:ident)) => {
        $crate::codegen::get(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, optional($slot:ident)) => {
        $crate::codegen::get_opt(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::get_opt(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, list($slot:ident)) => {
        $crate::codegen::get_list(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, map($slot:ident)) => {
        $crate::codegen::get_map(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, $member:ident($slot:ident, $variant:path)) => {
        match &$s.$slot {
            ::core::option::Option::Some($variant(v)) => $crate::codegen::get(v, $f),
            _ => ::core::option::Option::None,
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_set {
    ($s:tt, $v:tt, $f:expr, scalar($slot:ident)) => {
        $crate::codegen::set(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::set(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, required_message($slot:ident)) => {
        $crate::codegen::set_message(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, optional($slot:ident)) => {
        $crate::codegen::set_opt(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::set_message_opt(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, list($slot:ident)) => {
        $crate::codegen::set_list(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, map($slot:ident)) => {
        $crate::codegen::set_map(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $f:expr, member($slot:ident, $variant:path)) => {
        $crate::codegen::convert($v, $f)
            .map(|v| $s.$slot = ::core::option::Option::Some($variant(v)))
    };
    ($s:tt, $v:tt, $f:expr, member_message($slot:ident, $variant:path)) => {
        $crate::codegen::set_member_message(&mut $s.$slot, $v, $f, $variant)
    };
}

/// A field's value in an inline path (`lookup`): read in place, but lists and maps through
/// the out-of-line `get_at` (a `Value` of a list or map holds the container's vtable, which a
/// crate calling `lookup` would otherwise compile again, with its element type's; messages
/// get theirs from [`Reflect::as_dyn`](crate::Reflect), out of line).
#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_get_inline {
    ($s:tt, $i:tt, $f:expr, list($slot:ident)) => {
        $crate::Reflect::get_at($s, $i)
    };
    ($s:tt, $i:tt, $f:expr, map($slot:ident)) => {
        $crate::Reflect::get_at($s, $i)
    };
    ($s:tt, $i:tt, $f:expr, $($other:tt)*) => {
        $crate::__reflect_get!($s, $f, $($other)*)
    };
}

/// A store in an inline path (`set_value`): scalar kinds in place; the others through the
/// out-of-line `set_at`, like [`__reflect_get_inline`].
#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_set_inline {
    ($s:tt, $v:tt, $i:tt, $f:expr, scalar($slot:ident)) => {
        $crate::__reflect_set!($s, $v, $f, scalar($slot))
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, required($slot:ident)) => {
        $crate::__reflect_set!($s, $v, $f, required($slot))
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, optional($slot:ident)) => {
        $crate::__reflect_set!($s, $v, $f, optional($slot))
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, member($slot:ident, $variant:path)) => {
        $crate::__reflect_set!($s, $v, $f, member($slot, $variant))
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, $($other:tt)*) => {
        $crate::Reflect::set_at($s, $i, $v)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_set_from {
    ($s:tt, $v:tt, $i:tt, $f:expr, scalar($slot:ident)) => {
        $crate::codegen::set_from(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::set_from(&mut $s.$slot, $v, $f)
    };
    ($s:tt, $v:tt, $i:tt, $f:expr, optional($slot:ident)) => {
        $crate::codegen::set_from_opt(&mut $s.$slot, $v, $f)
    };
    // Messages, lists, maps and oneof members convert to an owned value anyway: one call
    // to `set_at` rather than a second copy of its arms.
    ($s:tt, $v:tt, $i:tt, $f:expr, $($other:tt)*) => {
        $crate::Reflect::set_at($s, $i, $v.to_owned_value())
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_clear {
    ($s:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::reset(&mut $s.$slot, $f)
    };
    ($s:tt, $f:expr, member($slot:ident, $variant:path)) => {
        if ::core::matches!($s.$slot, ::core::option::Option::Some($variant(_))) {
            $s.$slot = ::core::option::Option::None;
        }
    };
    ($s:tt, $f:expr, member_message($slot:ident, $variant:path)) => {
        $crate::__reflect_clear!($s, $f, member($slot, $variant))
    };
    ($s:tt, $f:expr, $kind:ident($slot:ident)) => {
        $crate::codegen::clear(&mut $s.$slot)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_mut {
    ($s:tt, $f:expr, required_message($slot:ident)) => {
        $crate::codegen::get_mut(&mut $s.$slot, $f)
    };
    ($s:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::get_mut_opt(&mut $s.$slot, $f)
    };
    ($s:tt, $f:expr, list($slot:ident)) => {
        $crate::codegen::get_mut_list(&mut $s.$slot, $f)
    };
    ($s:tt, $f:expr, map($slot:ident)) => {
        $crate::codegen::get_mut_map(&mut $s.$slot, $f)
    };
    ($s:tt, $f:expr, member_message($slot:ident, $variant:path)) => {
        match &mut $s.$slot {
            ::core::option::Option::Some($variant(v)) => $crate::codegen::get_mut(v, $f),
            _ => ::core::option::Option::None,
        }
    };
    ($s:tt, $f:expr, $($other:tt)*) => {
        ::core::option::Option::None
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_default {
    ($s:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::default_opt(&$s.$slot, $f)
    };
    ($s:tt, $f:expr, member_message($slot:ident, $variant:path)) => {
        $crate::codegen::default_member($variant, $f)
    };
    ($s:tt, $f:expr, $($other:tt)*) => {
        ::core::option::Option::None
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_json {
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, scalar($slot:ident)) => {
        $crate::codegen::json::implicit($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::json::always($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, required_message($slot:ident)) => {
        $crate::codegen::json::always($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, optional($slot:ident)) => {
        $crate::codegen::json::optional($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::json::optional($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, list($slot:ident)) => {
        $crate::codegen::json::list($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, map($slot:ident)) => {
        $crate::codegen::json::map($e, $f, &$s.$slot, $d, $first)?
    };
    ($s:tt, $e:tt, $d:tt, $first:tt, $f:expr, $member:ident($slot:ident, $variant:path)) => {
        if let ::core::option::Option::Some($variant(v)) = &$s.$slot {
            $crate::codegen::json::always($e, $f, v, $d, $first)?
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_read {
    ($s:tt, $d:tt, $depth:tt, $f:expr, scalar($slot:ident)) => {
        $crate::codegen::json::read(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, required($slot:ident)) => {
        $crate::codegen::json::read(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, required_message($slot:ident)) => {
        $crate::codegen::json::read(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, optional($slot:ident)) => {
        $crate::codegen::json::read_opt(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, message($slot:ident)) => {
        $crate::codegen::json::read_opt(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, list($slot:ident)) => {
        $crate::codegen::json::read_list(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, map($slot:ident)) => {
        $crate::codegen::json::read_map(&mut $s.$slot, $d, $f, $depth)
    };
    ($s:tt, $d:tt, $depth:tt, $f:expr, $member:ident($slot:ident, $variant:path)) => {{
        let mut v = ::core::default::Default::default();
        let stored = $crate::codegen::json::read(&mut v, $d, $f, $depth)?;
        if stored {
            $s.$slot = ::core::option::Option::Some($variant(v));
        }
        ::core::result::Result::Ok(stored)
    }};
}

/// The value of a field when it is present (protobuf presence), else `None`: what the walks
/// over present fields (`fields_from`, `vendor_fields`) read of each field.
#[doc(hidden)]
#[macro_export]
macro_rules! __reflect_present {
    ($s:tt, $f:expr, $member:ident($slot:ident, $variant:path)) => {
        match &$s.$slot {
            ::core::option::Option::Some($variant(v)) => {
                ::core::option::Option::Some($crate::codegen::value(v, $f))
            }
            _ => ::core::option::Option::None,
        }
    };
    ($s:tt, $f:expr, list($slot:ident)) => {
        if $s.$slot.is_empty() {
            ::core::option::Option::None
        } else {
            ::core::option::Option::Some($crate::codegen::list_value(&$s.$slot, $f))
        }
    };
    ($s:tt, $f:expr, map($slot:ident)) => {
        if $s.$slot.is_empty() {
            ::core::option::Option::None
        } else {
            ::core::option::Option::Some($crate::codegen::map_value(&$s.$slot, $f))
        }
    };
    ($s:tt, $f:expr, $kind:ident($slot:ident)) => {
        $crate::codegen::present($crate::__reflect_get!($s, $f, $kind($slot)), $f)
    };
}
