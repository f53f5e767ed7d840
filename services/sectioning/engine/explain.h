// Why a primary request is unfilled (see engine.h Explain).
//
// Each placed section of the requested course is classified by the first reason that keeps the
// student out of it, in this order: TEAM, TEACHER_CONSTRAINT (an avoided teacher),
// PERIOD_BLOCKED (a period the student keeps free), TIME_CONFLICT (with enrolled courses), RULE
// (a course rule with an enrolled course), SECTIONS_FULL. The request's reason is the most common
// section reason (ties in that order, but TIME_CONFLICT and SECTIONS_FULL first); NO_SECTIONS when
// the course has no placed section. AVAILABLE when some section could take the student now (the
// load left it open, e.g. it was cancelled).
#pragma once

#include "services/sectioning/engine/engine.h"
