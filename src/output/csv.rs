//! CSV for people who open it in Excel: UTF-8 with BOM, and no cell that runs as a formula.
//! Rows are typed: a row is a serde struct, written and read by its header names.

use serde::{Deserialize, Serialize, ser};
use std::borrow::Cow;
use std::io::Write;

/// A text cell that a spreadsheet would run as a formula gets a leading `'` (SPEC 7).
pub fn safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The value [`safe`] defused, for reading back a CSV this tool wrote.
pub fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if safe(rest) != rest => rest,
        _ => cell,
    }
}

/// A CSV writer that starts with a UTF-8 BOM, which Excel needs to read Chinese text.
pub fn excel_writer<W: Write>(mut out: W) -> std::io::Result<::csv::Writer<W>> {
    out.write_all(b"\xEF\xBB\xBF")?;
    Ok(::csv::WriterBuilder::new().from_writer(out))
}

/// Writes typed rows as an Excel CSV: the header is the row type's field names (written
/// even for no rows, from `T::default()`), text cells are defused by [`safe`], numbers are
/// written as they are (a days-overdue of `-5` is a number, not a formula).
pub fn write_rows<'a, T: Serialize + Default + 'a>(
    rows: impl IntoIterator<Item = &'a T>,
) -> std::io::Result<Vec<u8>> {
    let mut w = RowWriter::excel(Vec::new())?;
    for row in rows {
        w.write(row)?;
    }
    w.finish()
}

/// Typed rows written one at a time to `W`: [`write_rows`] or [`write_plain_rows`]
/// streamed, byte for byte, for a file too long to build in memory.
pub struct RowWriter<T, W: Write> {
    w: ::csv::Writer<W>,
    /// Text cells defused for Excel (an Excel CSV), or written as they are (plain).
    excel: bool,
    row: std::marker::PhantomData<fn(&T)>,
}

impl<T: Serialize + Default, W: Write> RowWriter<T, W> {
    /// An Excel CSV ([`write_rows`]): BOM, header, defused text.
    pub fn excel(out: W) -> std::io::Result<Self> {
        Self::start(excel_writer(out)?, true)
    }

    /// A plain CSV ([`write_plain_rows`]): header, nothing defused.
    pub fn plain(out: W) -> std::io::Result<Self> {
        Self::start(::csv::WriterBuilder::new().from_writer(out), false)
    }

    fn start(mut w: ::csv::Writer<W>, excel: bool) -> std::io::Result<Self> {
        w.write_record(cells(&T::default())?.0)?;
        Ok(RowWriter {
            w,
            excel,
            row: std::marker::PhantomData,
        })
    }

    pub fn write(&mut self, row: &T) -> std::io::Result<()> {
        let (_, cells) = cells(row)?;
        let cells: Vec<Cow<str>> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(s) if self.excel => safe(s),
                other => Cow::Borrowed(other.as_str()),
            })
            .collect();
        Ok(self.w.write_record(cells.iter().map(|c| c.as_bytes()))?)
    }

    /// Flushes the rows and gives back the writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// Reads the rows of a CSV this tool wrote, by header name (a BOM is skipped; cells that
/// were defused stay so: the caller undoes it with [`plain`] where it matters).
pub fn read_rows<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<Vec<T>, ::csv::Error> {
    ::csv::Reader::from_reader(bytes).deserialize().collect()
}

/// Writes typed rows as a plain CSV for the tool itself to read back (shard files): header
/// from the field names, no BOM, nothing defused.
pub fn write_plain_rows<'a, T: Serialize + Default + 'a>(
    rows: impl IntoIterator<Item = &'a T>,
) -> std::io::Result<Vec<u8>> {
    let mut w = RowWriter::plain(Vec::new())?;
    for row in rows {
        w.write(row)?;
    }
    w.finish()
}

/// One cell as serde gives it: text (defused when written for Excel) or a number; a list
/// (a letter's items) has no cell: its field is left out of the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cell {
    Text(String),
    Number(String),
    List,
}

impl Cell {
    pub(super) fn as_str(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s,
            Cell::List => "",
        }
    }
}

/// A list field, skipped: rows are flat, the JSON carries the lists.
struct SkipList;

impl ser::SerializeSeq for SkipList {
    type Ok = Cell;
    type Error = RowError;
    fn serialize_element<V: Serialize + ?Sized>(&mut self, _: &V) -> Result<(), RowError> {
        Ok(())
    }
    fn end(self) -> Result<Cell, RowError> {
        Ok(Cell::List)
    }
}

/// The field names and cells of one row: a flat struct of scalars and `Option`s (list
/// fields are left out).
pub(super) fn cells<T: Serialize>(row: &T) -> std::io::Result<(Vec<&'static str>, Vec<Cell>)> {
    let mut out = Row::default();
    row.serialize(&mut out)
        .map_err(|e| std::io::Error::other(e.0))?;
    Ok((out.names, out.cells))
}

/// A row that is not a struct of scalars: a bug in a row type, found by its tests.
#[derive(Debug)]
struct RowError(String);

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RowError {}

impl ser::Error for RowError {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        RowError(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, RowError> {
    Err(RowError(format!("a CSV row cannot hold {what}")))
}

/// Collects a struct's field names and cells.
#[derive(Default)]
struct Row {
    names: Vec<&'static str>,
    cells: Vec<Cell>,
}

impl ser::SerializeStruct for &mut Row {
    type Ok = ();
    type Error = RowError;
    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), RowError> {
        let cell = value.serialize(CellSerializer)?;
        if cell != Cell::List {
            self.names.push(key);
            self.cells.push(cell);
        }
        Ok(())
    }
    /// A field left out by `skip_serializing_if` (e.g. `fee_paid` without `costs_first`)
    /// keeps its column, empty: every row has the header's columns.
    fn skip_field(&mut self, key: &'static str) -> Result<(), RowError> {
        self.names.push(key);
        self.cells.push(Cell::Text(String::new()));
        Ok(())
    }
    fn end(self) -> Result<(), RowError> {
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Row {
    type Ok = ();
    type Error = RowError;
    type SerializeSeq = ser::Impossible<(), RowError>;
    type SerializeTuple = ser::Impossible<(), RowError>;
    type SerializeTupleStruct = ser::Impossible<(), RowError>;
    type SerializeTupleVariant = ser::Impossible<(), RowError>;
    type SerializeMap = ser::Impossible<(), RowError>;
    type SerializeStruct = &'a mut Row;
    type SerializeStructVariant = ser::Impossible<(), RowError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, RowError> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RowError> {
        // `#[serde(flatten)]` asks for a map: a row type is a flat struct.
        unsupported("a map")
    }
    fn serialize_bool(self, _: bool) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_i8(self, _: i8) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_i16(self, _: i16) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_i32(self, _: i32) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_i64(self, _: i64) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_u8(self, _: u8) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_u16(self, _: u16) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_u32(self, _: u32) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_u64(self, _: u64) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_f32(self, _: f32) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_f64(self, _: f64) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_char(self, _: char) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_str(self, _: &str) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), RowError> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_unit(self) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), RowError> {
        unsupported("a bare value")
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), RowError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), RowError> {
        unsupported("an enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, RowError> {
        unsupported("a list")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, RowError> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, RowError> {
        unsupported("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RowError> {
        unsupported("an enum")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RowError> {
        unsupported("an enum")
    }
}

/// One field's value as a cell: text, a number, or empty text for `None`.
struct CellSerializer;

impl ser::Serializer for CellSerializer {
    type Ok = Cell;
    type Error = RowError;
    type SerializeSeq = SkipList;
    type SerializeTuple = ser::Impossible<Cell, RowError>;
    type SerializeTupleStruct = ser::Impossible<Cell, RowError>;
    type SerializeTupleVariant = ser::Impossible<Cell, RowError>;
    type SerializeMap = ser::Impossible<Cell, RowError>;
    type SerializeStruct = ser::Impossible<Cell, RowError>;
    type SerializeStructVariant = ser::Impossible<Cell, RowError>;

    fn serialize_bool(self, v: bool) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_i8(self, v: i8) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_i16(self, v: i16) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_i32(self, v: i32) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_i64(self, v: i64) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_u16(self, v: u16) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_u32(self, v: u32) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_u64(self, v: u64) -> Result<Cell, RowError> {
        Ok(Cell::Number(v.to_string()))
    }
    fn serialize_f32(self, _: f32) -> Result<Cell, RowError> {
        unsupported("a float (money is never a float)")
    }
    fn serialize_f64(self, _: f64) -> Result<Cell, RowError> {
        unsupported("a float (money is never a float)")
    }
    fn serialize_char(self, v: char) -> Result<Cell, RowError> {
        Ok(Cell::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Cell, RowError> {
        Ok(Cell::Text(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Cell, RowError> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<Cell, RowError> {
        Ok(Cell::Text(String::new()))
    }
    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<Cell, RowError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Cell, RowError> {
        Ok(Cell::Text(String::new()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Cell, RowError> {
        Ok(Cell::Text(String::new()))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Cell, RowError> {
        Ok(Cell::Text(variant.to_string()))
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<Cell, RowError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Cell, RowError> {
        unsupported("an enum with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, RowError> {
        Ok(SkipList)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, RowError> {
        unsupported("a tuple in a cell")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, RowError> {
        unsupported("a tuple in a cell")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RowError> {
        unsupported("an enum in a cell")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RowError> {
        unsupported("a map in a cell")
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, RowError> {
        unsupported("a struct in a cell")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RowError> {
        unsupported("an enum in a cell")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        for s in ["=1+1", "+86 10", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe(s), format!("'{s}"));
        }
        assert_eq!(safe("张三"), "张三");
        assert_eq!(safe(""), "");
        // Not "'=x": written as is, it reads back as the defused "=x" (Excel reads it so too).
        for s in ["=1+1", "-2", "'abc", "张三", "", "'"] {
            assert_eq!(plain(&safe(s)), s, "round trip of {s:?}");
        }
    }

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Example {
        id: String,
        days: i64,
        level: Option<usize>,
        b: String,
        #[serde(skip)]
        hidden: String,
    }

    #[test]
    fn rows_have_the_field_names_as_header_and_only_text_is_defused() {
        let rows = [Example {
            id: "=cmd".into(),
            days: -5,
            level: None,
            b: "-x".into(),
            hidden: "not written".into(),
        }];
        let bytes = write_rows(&rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}id,days,level,b\n'=cmd,-5,,'-x\n"
        );
        // No rows: the header still.
        let none: [Example; 0] = [];
        assert_eq!(write_rows(&none).unwrap(), b"\xEF\xBB\xBFid,days,level,b\n");
        let plain = write_plain_rows(&rows).unwrap();
        assert_eq!(plain, b"id,days,level,b\n=cmd,-5,,-x\n");
        let back: Vec<Example> = read_rows(&plain).unwrap();
        assert_eq!(
            (back[0].id.as_str(), back[0].days, back[0].level),
            ("=cmd", -5, None)
        );
    }
}
