//! Bulk inserts: many rows per `INSERT ... VALUES` statement. Executed once per row, a
//! statement costs more than the row it writes (binding, opening and closing a cursor on the
//! table and on each index); a million-row write spends most of its time there.

use crate::error::Result;
use rusqlite::types::ToSqlOutput;
use rusqlite::Connection;

/// Rows per statement: enough to make the per-statement cost small, few enough to keep the
/// statement (and its parameters, under SQLite's limit of 32,766) small.
const ROWS_PER_STATEMENT: usize = 100;

/// Rows waiting to be inserted into one table, written `ROWS_PER_STATEMENT` at a time.
pub(crate) struct BulkInsert<'c, 'v> {
    conn: &'c Connection,
    /// `table (column, ...)`.
    into: &'static str,
    width: usize,
    values: Vec<ToSqlOutput<'v>>,
}

impl<'c, 'v> BulkInsert<'c, 'v> {
    /// Inserts into `into` (`table (column, ...)`), rows of `width` values.
    pub(crate) fn new(conn: &'c Connection, into: &'static str, width: usize) -> Self {
        BulkInsert {
            conn,
            into,
            width,
            values: Vec::with_capacity(width * ROWS_PER_STATEMENT),
        }
    }

    /// Adds one row (`width` values, in the order of the columns).
    pub(crate) fn push<const N: usize>(&mut self, row: [ToSqlOutput<'v>; N]) -> Result<()> {
        debug_assert_eq!(N, self.width, "{}", self.into);
        self.values.extend(row);
        if self.values.len() >= self.width * ROWS_PER_STATEMENT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows still waiting.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush()
    }

    fn flush(&mut self) -> Result<()> {
        let rows = self.values.len() / self.width;
        if rows == 0 {
            return Ok(());
        }
        let row = format!("({})", vec!["?"; self.width].join(","));
        let sql = format!(
            "INSERT INTO {} VALUES {}",
            self.into,
            vec![row; rows].join(",")
        );
        // Cached: every full batch has the same text.
        self.conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(self.values.iter()))?;
        self.values.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value;

    #[test]
    fn every_row_is_written_whatever_the_count() {
        for count in [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 250] {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch("CREATE TABLE t (a INTEGER, b TEXT)")
                .unwrap();
            let mut bulk = BulkInsert::new(&conn, "t (a, b)", 2);
            for i in 0..count {
                bulk.push([
                    ToSqlOutput::Owned(Value::Integer(i as i64)),
                    ToSqlOutput::Owned(Value::Text(format!("row {i}"))),
                ])
                .unwrap();
            }
            bulk.finish().unwrap();
            let (n, sum, last): (i64, Option<i64>, Option<String>) = conn
                .query_row(
                    "SELECT count(*), sum(a), (SELECT b FROM t ORDER BY a DESC LIMIT 1) FROM t",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
            let want_last = count.checked_sub(1).map(|i| format!("row {i}"));
            assert_eq!(
                (n, sum.unwrap_or(0), last),
                (count as i64, (0..count as i64).sum(), want_last),
                "{count} rows"
            );
        }
    }
}
