#ifndef MAKEGOOD_CPANGOCAIRO_H
#define MAKEGOOD_CPANGOCAIRO_H
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#endif
