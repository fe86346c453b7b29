"""EmployeeUser: the employee flow on Locust's requests-based HttpUser."""

from locust import HttpUser, constant

from users.flow import EmployeeFlow


class EmployeeUser(EmployeeFlow, HttpUser):
    """Creates employees one after another, with no pause: the PBX sets the pace."""

    wait_time = constant(0)
