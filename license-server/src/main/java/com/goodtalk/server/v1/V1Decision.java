package com.goodtalk.server.v1;

/**
 * The server's reply to one v1 request, and the log text that explains it.
 *
 * @param status    the HTTP status: 200 for an activation, 403 for every rejection
 * @param body      the JSON reply body
 * @param logDetail one line for the request log, with the key masked and no MAC or secret
 */
public record V1Decision(int status, String body, String logDetail) {
}
