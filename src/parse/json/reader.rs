//! Reading JSON text into a [`Json`]: the containers of a document through
//! one thread's stacks, its keys shared (see [`Reader`]).

use super::{Json, Object};
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        READER.with(|cell| match cell.try_borrow_mut() {
            Ok(mut reader) => reader.read(d),
            // Only when a document is read from inside another one's reading.
            Err(_) => Reader::default().read(d),
        })
    }
}

/// A key of an object: shared by every object that uses the same key.
pub(super) type Key = crate::parse::facts::Shared;

/// What one thread's JSON reading keeps from document to document: the
/// stacks the members and items of the open containers are read into (each
/// container is then copied out once, at its exact size, instead of growing
/// a vector by doubling and shrinking it), and one copy of each key read
/// (the docs repeat a few thousand keys hundreds of thousands of times).
/// A speed measure: with the page walk's kept buffers it pays 4.6% of a
/// full generate (docs/DESIGN.md, "Ninth round, lead").
struct Reader {
    members: Vec<(Key, Json)>,
    items: Vec<Json>,
    keys: crate::parse::facts::Interner,
}

impl Default for Reader {
    fn default() -> Self {
        Reader { members: Vec::new(), items: Vec::new(), keys: crate::parse::facts::Interner::keeping(MAX_KEYS) }
    }
}

thread_local! {
    static READER: std::cell::RefCell<Reader> = std::cell::RefCell::default();
}

/// Distinct keys kept per thread (the interner empties its set past it, so
/// hostile input cannot grow it unbounded; keys over 64 bytes are not shared).
const MAX_KEYS: usize = 1 << 16;
/// Entries of each stack kept from one document to the next.
const MAX_KEPT_ENTRIES: usize = 1 << 12;

impl Reader {
    fn read<'de, D: Deserializer<'de>>(&mut self, d: D) -> Result<Json, D::Error> {
        let read = Seed(self).deserialize(d);
        // A failed read leaves what it had read so far on the stacks; a huge
        // document's stacks do not stay with the thread.
        self.members.clear();
        self.items.clear();
        self.members.shrink_to(MAX_KEPT_ENTRIES);
        self.items.shrink_to(MAX_KEPT_ENTRIES);
        read
    }

    fn key(&mut self, k: &str) -> Key {
        self.keys.get(k)
    }
}

/// Reads one value, its containers through the thread's [`Reader`].
struct Seed<'r>(&'r mut Reader);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads one key as a shared [`Key`], without an owned copy first.
struct KeySeed<'r>(&'r mut Reader);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(self.0.key(v))
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        // As `Value`: a float JSON cannot hold is null.
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v.into_boxed_str()))
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        self.deserialize(d)
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let r = self.0;
        let start = r.items.len();
        while let Some(v) = seq.next_element_seed(Seed(r))? {
            r.items.push(v);
        }
        Ok(Json::Array(r.items.drain(start..).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let r = self.0;
        let start = r.members.len();
        // Past a few members, repeated keys are found through an index, so a
        // huge object stays linear.
        let mut index: Option<rustc_hash::FxHashMap<Key, usize>> = None;
        while let Some(k) = map.next_key_seed(KeySeed(r))? {
            let v = map.next_value_seed(Seed(r))?;
            let members = &mut r.members[start..];
            let at = match &index {
                Some(ix) => ix.get(&k).copied(),
                None => members.iter().position(|(m, _)| *m == k),
            };
            match at {
                Some(i) => members[i].1 = v,
                None => {
                    if let Some(ix) = index.as_mut() {
                        ix.insert(k.clone(), members.len());
                    }
                    r.members.push((k, v));
                    let members = &r.members[start..];
                    if index.is_none() && members.len() > 16 {
                        index = Some(members.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect());
                    }
                }
            }
        }
        Ok(Json::Object(Object(r.members.drain(start..).collect())))
    }
}
