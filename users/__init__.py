"""Locust user classes: one class per module, both running the flow of `users.flow`."""

from users.employee_user import EmployeeUser
from users.fast_employee_user import FastEmployeeUser

__all__ = ["EmployeeUser", "FastEmployeeUser"]
