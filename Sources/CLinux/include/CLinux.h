// Linux kernel interfaces that Glibc's Swift module does not export: timerfd (wall-clock timers
// that are cancelled when the clock is set), signalfd and eventfd, for xinfangd's event loop.
#ifndef XINFANG_CLINUX_H
#define XINFANG_CLINUX_H
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#endif
