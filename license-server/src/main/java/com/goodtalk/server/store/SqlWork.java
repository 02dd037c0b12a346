package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work that runs on one connection and may run again when its transaction is retried. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
