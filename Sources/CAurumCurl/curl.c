// HTTP through libcurl loaded at first use (dlopen), not linked: libcurl and the thirty-odd libraries it needs
// (TLS, HTTP/2, IDN, Kerberos, LDAP…) cost every process about 2 ms and 300 page faults to map and relocate, and
// only `pull`, `push`, `query --warehouse` and the model's questions send a request. The header supplies the
// types and constants; the few functions used are looked up once.
#include "aurum_curl.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char error[256];
    int loaded;
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(api.error, sizeof api.error, "libcurl could not be loaded (%s); install libcurl4", dlerror());
        return;
    }
#define FIND(field, symbol)                                                                                   \
    *(void **)(&api.field) = dlsym(library, symbol);                                                          \
    if (!api.field) {                                                                                         \
        snprintf(api.error, sizeof api.error, "libcurl has no %s", symbol);                                   \
        return;                                                                                               \
    }
    FIND(global_init, "curl_global_init")
    FIND(easy_init, "curl_easy_init")
    FIND(easy_setopt, "curl_easy_setopt")
    FIND(easy_perform, "curl_easy_perform")
    FIND(easy_getinfo, "curl_easy_getinfo")
    FIND(easy_cleanup, "curl_easy_cleanup")
    FIND(easy_strerror, "curl_easy_strerror")
    FIND(slist_append, "curl_slist_append")
    FIND(slist_free_all, "curl_slist_free_all")
#undef FIND
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(api.error, sizeof api.error, "libcurl did not initialise");
        return;
    }
    api.loaded = 1;
}

struct aurum_http_cancel {
    atomic_int raised;
};

aurum_http_cancel *aurum_http_cancel_new(void) { return calloc(1, sizeof(aurum_http_cancel)); }
void aurum_http_cancel_raise(aurum_http_cancel *flag) { atomic_store(&flag->raised, 1); }
void aurum_http_cancel_free(aurum_http_cancel *flag) { free(flag); }

/// A growing buffer of received bytes.
struct buffer {
    char *bytes;
    size_t length;
    size_t capacity;
    int failed;
};

static size_t append(struct buffer *buffer, const char *data, size_t length) {
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->length + length + 1) capacity *= 2;
        char *grown = realloc(buffer->bytes, capacity);
        if (!grown) {
            buffer->failed = 1;
            return 0;  // libcurl then fails the transfer (CURLE_WRITE_ERROR)
        }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
    buffer->bytes[buffer->length] = 0;
    return length;
}

static size_t write_body(char *data, size_t size, size_t count, void *buffer) { return append(buffer, data, size * count); }

/// Header lines; a new status line (a redirect followed, a 100 Continue) starts the set again, so the lines kept
/// are the last response's.
static size_t write_header(char *data, size_t size, size_t count, void *context) {
    struct buffer *buffer = context;
    size_t length = size * count;
    if (length >= 5 && strncmp(data, "HTTP/", 5) == 0) buffer->length = 0;
    return append(buffer, data, length);
}

static int progress(void *cancel, curl_off_t total_down, curl_off_t now_down, curl_off_t total_up, curl_off_t now_up) {
    (void)total_down, (void)now_down, (void)total_up, (void)now_up;
    return cancel && atomic_load(&((aurum_http_cancel *)cancel)->raised) ? 1 : 0;
}

int aurum_http_perform(
    const char *method, const char *url, const char *const *headers, size_t count, const unsigned char *body,
    size_t body_length, long idle_milliseconds, long total_milliseconds, aurum_http_cancel *cancel, aurum_http_reply *reply) {
    memset(reply, 0, sizeof *reply);
    pthread_once(&load_once, load);
    if (!api.loaded) {
        reply->code = -1;
        snprintf(reply->message, sizeof reply->message, "%s", api.error);
        return reply->code;
    }
    CURL *curl = api.easy_init();
    if (!curl) {
        reply->code = CURLE_FAILED_INIT;
        snprintf(reply->message, sizeof reply->message, "libcurl could not start a transfer");
        return reply->code;
    }
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < count; i++) list = api.slist_append(list, headers[i]);
    // No "Expect: 100-continue" wait before a large body.
    list = api.slist_append(list, "Expect:");
    struct buffer received = {0}, lines = {0};
    char error[CURL_ERROR_SIZE] = {0};
    api.easy_setopt(curl, CURLOPT_URL, url);
    api.easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    api.easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    // Idle: connecting, then under a byte a second for as long (whole seconds: libcurl's unit for it).
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, idle_milliseconds);
    api.easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    api.easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, (idle_milliseconds + 999) / 1000);
    if (total_milliseconds > 0) api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, total_milliseconds);
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &received);
    api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
    api.easy_setopt(curl, CURLOPT_HEADERDATA, &lines);
    api.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
    api.easy_setopt(curl, CURLOPT_XFERINFODATA, cancel);
    if (strcmp(method, "GET") == 0 && !body) {
        api.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        if (strcmp(method, "POST") != 0) api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
        if (body || strcmp(method, "POST") == 0) {
            api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_length);
            api.easy_setopt(curl, CURLOPT_POSTFIELDS, body ? (const char *)body : "");
        }
    }
    CURLcode code = api.easy_perform(curl);
    if (code == CURLE_OK) {
        api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply->status);
        reply->headers = lines.bytes;
        reply->headers_length = lines.length;
        reply->body = (unsigned char *)received.bytes;
        reply->body_length = received.length;
    } else {
        free(lines.bytes);
        free(received.bytes);
        snprintf(reply->message, sizeof reply->message, "%s", error[0] ? error : api.easy_strerror(code));
    }
    reply->code = (int)code;
    api.easy_cleanup(curl);
    api.slist_free_all(list);
    return reply->code;
}

void aurum_http_reply_free(aurum_http_reply *reply) {
    free(reply->headers);
    free(reply->body);
    reply->headers = NULL;
    reply->body = NULL;
}
