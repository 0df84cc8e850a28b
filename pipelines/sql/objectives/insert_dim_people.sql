-- One person of the objectives store, copied into the warehouse (dim_people is replaced whole).
insert into dim_people (person_id, name, email, manager_id, entity, role)
values ($person_id, $name, $email, $manager_id, $entity, $role)
