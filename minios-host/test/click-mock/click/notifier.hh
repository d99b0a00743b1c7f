#ifndef CLICK_MOCK_NOTIFIER_HH
#define CLICK_MOCK_NOTIFIER_HH
class Element;
class Task;
class NotifierSignal { public:
    NotifierSignal();
    operator bool() const;
};
class Notifier { public:
    static NotifierSignal upstream_empty_signal(Element *e, int port, Task *task);
};
#endif
