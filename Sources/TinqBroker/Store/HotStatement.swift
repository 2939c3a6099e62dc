import GRDB
import GRDBSQLite

/// One prepared SQLite statement on the store's hot path (an insert, a result), bound and
/// stepped straight through the C API.
///
/// GRDB serves everything else; these few statements run for every article, and GRDB's
/// per-execution work (argument arrays of `DatabaseValue`, a `Data` copy of every blob,
/// observation bookkeeping) cost more than SQLite itself did. Blobs are bound without a copy:
/// the bytes only need to live until ``run()`` returns.
///
/// Owned by ``JobStore`` and used only on the store thread, inside a GRDB transaction; it must
/// be finalized before the connection closes.
final class HotStatement {
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    let sql: String

    /// A bind step: each closure binds one parameter while its bytes are alive.
    init(_ sql: String, on connection: OpaquePointer) throws {
        self.connection = connection
        self.sql = sql
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        statement = prepared
    }

    func finalize() {
        sqlite3_finalize(statement)
    }

    // MARK: Binding (1-based parameter indices, as in SQLite)

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(statement, index, value))
    }

    func bind(_ index: Int32, _ value: Double) throws {
        try check(sqlite3_bind_double(statement, index, value))
    }

    /// Binds a blob without copying it: call ``run()`` before `bytes` goes away.
    func bindBlob(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
        let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        try check(sqlite3_bind_blob(statement, index, base, Int32(bytes.count), nil))
    }

    /// Binds UTF-8 text without copying it: call ``run()`` before `bytes` goes away.
    func bindText(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        let base = (bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
        try check(sqlite3_bind_text(statement, index, base, Int32(bytes.count), nil))
    }

    /// Steps the statement to completion and resets it; returns the number of rows changed.
    @discardableResult
    func run() throws -> Int {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return Int(sqlite3_changes(connection))
    }

    /// The rowid of the connection's last insert.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }
}
