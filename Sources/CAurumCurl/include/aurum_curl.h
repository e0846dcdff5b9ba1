#ifndef AURUM_CURL_H
#define AURUM_CURL_H

#include <stddef.h>

/// One HTTP exchange's outcome (see curl.c): the last response's status, its header lines as received, its body;
/// or the libcurl error code and message when no complete response arrived (`code` -1: libcurl could not be
/// loaded). Owned by the caller once filled: free with aurum_http_reply_free.
typedef struct aurum_http_reply {
    long status;
    char *headers;
    size_t headers_length;
    unsigned char *body;
    size_t body_length;
    int code;
    char message[512];
} aurum_http_reply;

/// A flag another thread raises to abandon an exchange (checked by libcurl's progress callback).
typedef struct aurum_http_cancel aurum_http_cancel;

aurum_http_cancel *aurum_http_cancel_new(void);
void aurum_http_cancel_raise(aurum_http_cancel *flag);
void aurum_http_cancel_free(aurum_http_cancel *flag);

/// Performs one request, blocking the calling thread, and fills `reply`; returns `reply->code` (0 when a complete
/// response arrived, whatever its status). `headers` are `count` "Name: value" lines. A transfer fails when
/// connecting takes `idle_milliseconds`, or no byte moves for as long (rounded up to whole seconds), and after
/// `total_milliseconds` in all when that is above 0.
int aurum_http_perform(
    const char *method, const char *url, const char *const *headers, size_t count, const unsigned char *body,
    size_t body_length, long idle_milliseconds, long total_milliseconds, aurum_http_cancel *cancel, aurum_http_reply *reply);

void aurum_http_reply_free(aurum_http_reply *reply);

#endif
