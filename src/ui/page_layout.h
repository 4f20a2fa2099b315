// The page frame every screen shares (src/ui/screens.cpp): a full-size window with a centred
// column, the language switch and the device footer.
#pragma once
#include <string_view>

#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/widget_view.h"

namespace manyi {

bool  BeginPage(const char* name, float max_width = theme::kMaxContentWidth); // a full-size window, a centred column
void  EndPage(WidgetView* v);
float PageWidth();                   // the column's width
void  Paragraph(Semantics* sem, const char* id, std::string_view text, ImFont* font, ImU32 color);
void  LanguageSwitch(WidgetView* v, Semantics* sem);
void  DeviceFooter(WidgetView* v, Semantics* sem);

// Kiosk screens (src/ui/kiosk_screens.cpp).
void FirstTapScreen(WidgetView* v, Semantics* sem, WidgetActions* actions);
void AttractScreen(WidgetView* v, Semantics* sem, WidgetActions* actions);
void KioskCountdownOverlay(WidgetView* v, Semantics* sem, WidgetActions* actions);

} // namespace manyi
