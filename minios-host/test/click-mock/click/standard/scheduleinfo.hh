#ifndef CLICK_MOCK_SCHEDULEINFO_HH
#define CLICK_MOCK_SCHEDULEINFO_HH
class Element;
class Task;
class ErrorHandler;
class ScheduleInfo { public:
    static void initialize_task(Element *e, Task *task, bool schedule, ErrorHandler *errh);
    static void initialize_task(Element *e, Task *task, ErrorHandler *errh);
};
#endif
