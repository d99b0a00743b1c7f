#ifndef CLICK_MOCK_TASK_HH
#define CLICK_MOCK_TASK_HH
class Element;
class Task { public:
    Task(Element *owner);
    ~Task();
    void fast_reschedule();
    void reschedule();
    void unschedule();
    bool scheduled() const;
  private:
    Task(const Task &);
};
#endif
