#ifndef TINQ_CZEROMQ_SHIM_H
#define TINQ_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
